internal import CVips
internal import CVipsShim
import Foundation

// MARK: - Encoding to memory. Each save computes the pixels; metadata goes unless `strip` is false.

extension VipsImage {
    /// Encodes a baseline or progressive JPEG with optimised Huffman tables.
    public func jpegData(quality: Int, progressive: Bool = true, stripMetadata: Bool = true) throws(VipsError) -> Data {
        try encode("encode JPEG") { buffer, length in
            tabi_vips_jpegsave_buffer(
                pointer, &buffer, &length, Int32(clamping: quality), 1,
                progressive ? 1 : 0, stripMetadata ? 1 : 0)
        }
    }

    /// Encodes lossy WebP; alpha is kept. `effort` is 0 (fast) to 6 (small); smart subsampling
    /// keeps red edges and fine colour detail sharp at a small CPU cost.
    /// With `stripMetadata`, the container is cleaned as well (see ``WebPContainer``).
    public func webpData(
        quality: Int, effort: Int = 4, smartSubsample: Bool = true,
        stripMetadata: Bool = true
    ) throws(VipsError) -> Data {
        let data = try encode("encode WebP") { buffer, length in
            tabi_vips_webpsave_buffer(
                pointer, &buffer, &length, Int32(clamping: quality),
                Int32(clamping: effort), smartSubsample ? 1 : 0, stripMetadata ? 1 : 0)
        }
        guard stripMetadata else { return data }
        guard let clean = WebPContainer.removingMetadata(from: data) else {
            throw VipsError(operation: "encode WebP", message: "libvips wrote a WebP file that cannot be parsed")
        }
        return clean
    }

    /// Encodes AVIF (HEIF with AV1); needs a libheif built with an AV1 encoder. `effort` is 0–9.
    public func avifData(quality: Int, effort: Int = 4, stripMetadata: Bool = true) throws(VipsError) -> Data {
        try encode("encode AVIF") { buffer, length in
            tabi_vips_avifsave_buffer(
                pointer, &buffer, &length, Int32(clamping: quality),
                Int32(clamping: effort), stripMetadata ? 1 : 0)
        }
    }

    /// Runs a `*save_buffer` call and hands its g_malloc'd buffer to `Data` without copying.
    private func encode(
        _ operation: String,
        _ save: (inout UnsafeMutableRawPointer?, inout Int) -> Int32
    ) throws(VipsError) -> Data {
        try Vips.isolatingErrors { () throws(VipsError) in
            var buffer: UnsafeMutableRawPointer?
            var length = 0
            guard save(&buffer, &length) == 0, let buffer else {
                throw VipsError.take(operation: operation)
            }
            return Data(bytesNoCopy: buffer, count: length, deallocator: .custom { pointer, _ in g_free(pointer) })
        }
    }
}
