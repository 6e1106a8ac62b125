/// The shape every stage's report shares, so the pipeline and the command line treat them alike:
/// one summary a person reads, an exit code (0 all good, 1 some items failed, 2 could not run),
/// how long the stage took, and a JSON form for `--report`.
public protocol StageReport: Sendable {
    /// The stage's name: `extract`, `draft`, `build`, `publish`.
    static var stage: String { get }
    /// The closing line (or lines) of the stage.
    var summary: String { get }
    /// 0 when everything was done, 1 when some trips, photos or keys failed (the rest done).
    var exitCode: Int32 { get }
    var duration: Duration { get }
    /// What the stage did, for machines: counts, and per item what happened.
    var json: JSONValue { get }
}
