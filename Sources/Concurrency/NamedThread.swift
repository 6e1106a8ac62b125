import Foundation

/// Starts a thread of its own (a loop that blocks, like curl's multi loop or extract's writers)
/// under a name that `top -H`, `/proc/<pid>/task/*/comm` and a debugger show.
public enum NamedThread {
    /// Linux keeps a thread name of at most 15 bytes and ignores a longer one: longer names are
    /// cut to that many bytes, at a scalar boundary.
    public static let maximumNameBytes = 15

    /// Starts `body` on a new thread called `name`. The name is set from inside the thread: on
    /// Linux, Foundation never passes on a name set before `start()`, and drops one set through
    /// `Thread.current.name` when the new thread gets there before `start()` has stored its
    /// handle (swift-corelibs-foundation's setter does nothing without it; seen once on a loaded
    /// machine, the thread keeping the name of the dispatch worker that made it). So the thread
    /// writes its own `/proc/thread-self/comm`.
    public static func start(named name: String, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) {
        let name = shortened(name)
        let thread = Thread {
            nameCallingThread(name)
            body()
        }
        if let stackSize { thread.stackSize = stackSize }
        thread.start()
    }

    /// Gives the calling thread `name` (at most ``maximumNameBytes`` bytes), as the kernel shows it.
    private static func nameCallingThread(_ name: String) {
        #if os(Linux)
        let file = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard file >= 0 else { return }
        defer { close(file) }
        var bytes = Array(name.utf8)
        _ = write(file, &bytes, bytes.count)
        #else
        Thread.current.name = name
        #endif
    }

    /// `name` cut to ``maximumNameBytes`` UTF-8 bytes, never inside a scalar.
    public static func shortened(_ name: String) -> String {
        var kept = String.UnicodeScalarView()
        var bytes = 0
        for scalar in name.unicodeScalars {
            bytes += UTF8.width(scalar)
            if bytes > maximumNameBytes { break }
            kept.append(scalar)
        }
        return String(kept)
    }
}
