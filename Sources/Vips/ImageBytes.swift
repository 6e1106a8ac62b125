internal import CVips
internal import CVipsShim
import Foundation

/// Encoded image bytes (a photo original) that libvips reads in place, never copied.
///
/// libvips holds a reference-counted view of the bytes; every ``VipsInput`` made from them shares
/// it, so an original is held once however often it is opened (a header, decodes, a rerun after
/// an error), and the `Data` it came in is that one copy: it lives until the last input and image
/// that read it are gone.
///
/// `Sendable`: the bytes are never written, and libvips's reference counting is locked.
public final class ImageBytes: @unchecked Sendable {
    let blob: UnsafeMutablePointer<CVips.VipsBlob>
    /// How many bytes.
    public let count: Int

    /// Lends `data` to libvips. Empty data holds one zero byte instead (libvips needs a byte to
    /// point at); it is no image either.
    public init(_ data: Data) throws(VipsError) {
        try Vips.start()
        // NSData's bytes stay where they are for as long as the object lives; bridging does not
        // copy. libvips keeps the object until its last reference to the bytes goes.
        let owner = (data.isEmpty ? Data([0]) : data) as NSData
        let retained = Unmanaged.passRetained(owner)
        let blob = tabi_vips_blob_borrowing(owner.bytes, owner.length, retained.toOpaque()) {
            Unmanaged<NSData>.fromOpaque($0!).release()
        }
        guard let blob else {
            retained.release()
            throw VipsError.take(operation: "hold the image bytes")
        }
        self.blob = blob
        self.count = data.count
    }

    deinit { tabi_vips_blob_unref(blob) }

    /// Calls `body` with the bytes, which are valid during the call only.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var length = 0
        let start = vips_blob_get(blob, &length)
        return try body(UnsafeRawBufferPointer(start: start, count: count))
    }
}
