internal import CVips
import Foundation

/// A libvips operation that failed, with the text libvips gave for it.
///
/// libvips 8.14 keeps one error buffer for the whole process (a `VipsBuf` behind its global lock),
/// not one per thread. A failing call therefore takes the buffer with `vips_error_buffer_copy`,
/// which copies and clears it in one locked step, so no message is ever read twice or lost
/// between a read and a clear. When two calls fail at the same instant on different threads,
/// one of them can carry both messages and the other none; `message` then says so instead of
/// being empty. The failure itself is always detected from the call's return value. That is why
/// every throwing call of this wrapper runs inside ``Vips/isolatingErrors(_:)``, which reruns a
/// failed call alone so its error carries its own text.
public struct VipsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done, e.g. "decode the image" or "encode WebP".
    public var operation: String
    /// libvips's explanation, its lines joined into one.
    public var message: String
    /// Set when nothing failed but the input was refused: libvips recognised it as a format that
    /// is not on the allow-list (see ``VipsLoader``).
    public var refusedLoader: VipsLoader?

    public init(operation: String, message: String, refusedLoader: VipsLoader? = nil) {
        self.operation = operation
        self.message = message
        self.refusedLoader = refusedLoader
    }

    /// The input is `loader`'s format, which is not read.
    static func refused(_ loader: VipsLoader, operation: String) -> VipsError {
        VipsError(
            operation: operation,
            message: "it is \(loader.formatName) (\(loader.nickname)), and only \(VipsLoader.allowedFormats) are read",
            refusedLoader: loader)
    }

    public var description: String { "libvips could not \(operation): \(message)" }

    /// Empties the buffer of messages nobody will claim.
    static func discardBuffer() {
        if let copy = vips_error_buffer_copy() { g_free(copy) }
    }

    /// Takes (copies and clears) libvips's error buffer for a call that just failed.
    static func take(operation: String) -> VipsError {
        var text = ""
        if let copy = vips_error_buffer_copy() {
            text = String(cString: copy)
            g_free(copy)
        }
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        var seen = Set<String>()
        let unique = lines.filter { seen.insert($0).inserted }
        let message =
            unique.isEmpty
            ? "no reason given (a failure on another thread may have reported it)"
            : unique.joined(separator: "; ")
        return VipsError(operation: operation, message: message)
    }
}
