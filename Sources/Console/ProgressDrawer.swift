import Synchronization
import TabiCore

/// Draws a stage's ``StageEvent``s as a ``ProgressBar``: the command line's side of progress.
public final class ProgressDrawer: Sendable {
    private let bar = Mutex<ProgressBar?>(nil)

    public init() {}

    /// The closure a stage's options take.
    public var progress: StageProgress {
        { [self] event in handle(event) }
    }

    public func handle(_ event: StageEvent) {
        bar.withLock { bar in
            switch event {
            case .started(let label, let total):
                bar?.finish()
                bar = ProgressBar(label: label, total: total)
            case .advanced(let count):
                bar?.advance(by: count)
            case .finished:
                bar?.finish()
                bar = nil
            }
        }
    }
}
