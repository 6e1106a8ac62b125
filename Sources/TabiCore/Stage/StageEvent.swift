/// How far a stage has got, as events: the stages send them, only the command line draws them
/// (a bar on a terminal, lines otherwise), so a stage run by the pipeline or a test draws nothing.
public enum StageEvent: Sendable, Equatable {
    /// Work of `total` items (`label`: "photos", "upload", "trips") starts.
    case started(label: String, total: Int)
    /// `count` more items are done.
    case advanced(count: Int)
    /// The work is done.
    case finished
}

/// Where a stage sends its ``StageEvent``s.
public typealias StageProgress = @Sendable (StageEvent) -> Void
