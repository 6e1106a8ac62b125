import Foundation

/// Runs blocking work (libvips decoding and encoding, file I/O) on a thread of its own and awaits
/// it. The cooperative pool has one thread per core; blocking one of those for the seconds a
/// 24-megapixel decode takes would stall every other task in the process. The number of such
/// threads alive at once is bounded by the caller (``DerivativeMaker`` runs at most its
/// `concurrency` jobs), and a thread costs microseconds next to an image.
enum BlockingThread {
    /// Libvips and libjpeg keep little on the stack, but a generous stack costs only address space.
    static let stackSize = 8 << 20

    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: work())
            }
            thread.name = "tabi-images"
            thread.stackSize = stackSize
            thread.start()
        }
    }
}
