import Foundation

/// Runs blocking work (libvips decoding and encoding, file I/O) on a thread of its own and awaits
/// it. The cooperative pool has one thread per core; blocking one of those for the seconds a
/// 24-megapixel decode takes would stall every other task in the process. The caller bounds how
/// many such threads are alive at once (the derivative maker runs at most its `concurrency` jobs),
/// and a thread costs microseconds next to an image.
public enum BlockingThread {
    /// Libvips and libjpeg keep little on the stack, but a generous stack costs only address space.
    public static let stackSize = 8 << 20

    /// Runs `work` on a new thread called `name` (see ``NamedThread``).
    public static func run<T: Sendable>(
        named name: String = "tabi-blocking",
        _ work: @escaping @Sendable () -> T
    ) async -> T {
        await withCheckedContinuation { continuation in
            NamedThread.start(named: name, stackSize: stackSize) { continuation.resume(returning: work()) }
        }
    }
}
