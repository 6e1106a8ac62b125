import Foundation
import Synchronization

/// Shows how far long work has got: a redrawn bar on a terminal, plain lines otherwise (CI logs,
/// cron mail), so logs stay readable and terminals stay quiet.
public final class ProgressBar: Sendable {
    private struct State {
        var done = 0
        var lastDraw: UInt64 = 0
        var lastPercentLogged = -1
        var finished = false
    }

    private let label: String
    private let total: Int
    private let interactive: Bool
    private let state = Mutex(State())

    /// - Parameters:
    ///   - label: what is being done, e.g. "photos".
    ///   - total: how many steps make 100%.
    ///   - interactive: draw a bar (default: when standard error is a terminal and `TERM` is not dumb).
    public init(label: String, total: Int, interactive: Bool = ProgressBar.standardErrorIsTerminal) {
        self.label = label
        self.total = max(total, 0)
        self.interactive = interactive
    }

    /// Whether standard error is a terminal that can redraw a line.
    public static var standardErrorIsTerminal: Bool {
        isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Counts `steps` more done; redraws at most ten times a second.
    public func advance(by steps: Int = 1) {
        guard total > 0 else { return }
        let line: String? = state.withLock { s in
            s.done = min(s.done + steps, total)
            let now = DispatchTime.now().uptimeNanoseconds
            if interactive {
                guard s.done == total || now - s.lastDraw > 100_000_000 else { return nil }
                s.lastDraw = now
                return "\r" + bar(done: s.done)
            }
            let percent = s.done * 100 / total
            guard percent / 25 > s.lastPercentLogged / 25 || s.done == total, percent != s.lastPercentLogged else { return nil }
            s.lastPercentLogged = percent
            return "\(label): \(s.done)/\(total) (\(percent)%)\n"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Clears the bar so the summary starts on a clean line.
    public func finish() {
        let wasDrawn = state.withLock { s -> Bool in
            defer { s.finished = true }
            return !s.finished && interactive && total > 0
        }
        if wasDrawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }

    private func bar(done: Int) -> String {
        let width = 30
        let filled = total == 0 ? width : done * width / total
        return "\(label) [" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            + "] \(done)/\(total)"
    }
}
