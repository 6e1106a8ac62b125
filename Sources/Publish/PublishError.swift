/// Why publish could not start or refused its plan: bad options or settings, no credentials, a
/// listing that failed, a plan over `--max-deletes`. Nothing was written. Failures of single
/// keys while applying are reported in ``PublishReport`` instead.
public enum PublishError: Error, Sendable, CustomStringConvertible {
    /// Options, settings, credentials or the remote listing: the message says which.
    case setup(String)
    /// The plan is refused (too many deletes); the message says how to allow it.
    case refused(String)

    public var description: String {
        switch self {
        case .setup(let message), .refused(let message): message
        }
    }
}
