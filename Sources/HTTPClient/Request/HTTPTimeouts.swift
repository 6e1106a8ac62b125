/// How long a request may take before it fails with ``HTTPError/Kind/timeout``.
public struct HTTPTimeouts: Sendable, Hashable {
    /// The longest wait to open a connection (name lookup, TCP and TLS handshakes).
    public var connect: Duration
    /// The longest a whole transfer may take; `nil` for no limit.
    public var total: Duration?
    /// Fail a transfer whose speed stays below `bytesPerSecond` for `duration`: catches a stalled
    /// connection without limiting how long a big upload may take. `nil` for no limit.
    public var lowSpeed: LowSpeedLimit?

    /// A stall detector: slower than `bytesPerSecond` for all of `duration`.
    public struct LowSpeedLimit: Sendable, Hashable {
        /// The slowest acceptable speed.
        public var bytesPerSecond: Int
        /// How long the speed may stay below it.
        public var duration: Duration

        public init(bytesPerSecond: Int, duration: Duration) {
            self.bytesPerSecond = bytesPerSecond
            self.duration = duration
        }
    }

    public init(connect: Duration = .seconds(10), total: Duration? = nil, lowSpeed: LowSpeedLimit? = nil) {
        self.connect = connect
        self.total = total
        self.lowSpeed = lowSpeed
    }

    /// Ten seconds to connect, no other limit.
    public static let `default` = HTTPTimeouts()
}

extension Duration {
    /// Whole milliseconds, rounded up so a tiny positive duration never becomes "no limit" (0).
    var roundedUpMilliseconds: Int {
        let (seconds, attoseconds) = components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(clamping: max(millis, 1))
    }

    /// Whole seconds, rounded up, at least 1: what libcurl's second-granular options take.
    var roundedUpSeconds: Int { (roundedUpMilliseconds + 999) / 1000 }
}
