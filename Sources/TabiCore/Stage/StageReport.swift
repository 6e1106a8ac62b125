/// The shape every stage's report shares, so the pipeline and the command line treat them alike:
/// one summary a person reads, an exit code, how long the stage took, and a JSON form (nightly's
/// `--report` holds its stages' forms). A stage that cannot start at all throws instead of
/// returning a report.
public protocol StageReport: Sendable {
    /// The stage's name: `extract`, `draft`, `build`, `publish`, and the chained runs `nightly`
    /// and `finalize`.
    static var stage: String { get }
    /// The closing line (or lines) of the stage.
    var summary: String { get }
    /// 0 when everything was done, 1 when some trips, photos or keys failed (the rest done), 2
    /// when the run stopped before its end (the service refused draft's credentials; a stage of
    /// nightly did).
    var exitCode: Int32 { get }
    var duration: Duration { get }
    /// What the stage did, for machines: counts, and per item what happened.
    var json: JSONValue { get }
}
