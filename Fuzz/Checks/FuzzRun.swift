import Foundation

/// A bounded run of random inputs from a seeded generator: the same seed gives the same inputs
/// on every machine, so a failure reproduces from the seed it prints.
public struct FuzzRun: Sendable {
    public var seed: UInt64
    public var iterations: Int
    /// Stops earlier than `iterations` once this much time has gone.
    public var seconds: Double
    public var maximumLength: Int

    /// From `FUZZ_SEED`, `FUZZ_ITERATIONS` and `FUZZ_SECONDS` when set; a fixed seed otherwise.
    public static func fromEnvironment(iterations: Int = 400, seconds: Double = 4, maximumLength: Int = 1024) -> FuzzRun {
        let environment = ProcessInfo.processInfo.environment
        return FuzzRun(
            seed: environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x7AB1_F022,
            iterations: environment["FUZZ_ITERATIONS"].flatMap { Int($0) } ?? iterations,
            seconds: environment["FUZZ_SECONDS"].flatMap { Double($0) } ?? seconds,
            maximumLength: maximumLength)
    }

    public init(seed: UInt64, iterations: Int, seconds: Double, maximumLength: Int = 1024) {
        self.seed = seed
        self.iterations = iterations
        self.seconds = seconds
        self.maximumLength = maximumLength
    }

    /// One failing input: its bytes and what was wrong.
    public struct Failure: Sendable, CustomStringConvertible {
        public var iteration: Int
        public var bytes: [UInt8]
        public var problems: [String]
        public var seed: UInt64

        public var description: String {
            "iteration \(iteration) of FUZZ_SEED=\(seed): \(problems.joined(separator: "; ")) "
                + "(input base64 \(Data(bytes).base64EncodedString()))"
        }
    }

    /// Runs `target` on random inputs; the first failure, or nil, and how many inputs ran.
    public func run(_ target: FuzzTarget) -> (failure: Failure?, count: Int) {
        var generator = SplitMix64(seed: seed ^ UInt64(truncatingIfNeeded: target.rawValue.hashValueStable))
        let start = Date()
        var count = 0
        while count < iterations, Date().timeIntervalSince(start) < seconds {
            let length = Int(generator.next() % UInt64(maximumLength + 1))
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let problems = target.findings(bytes)
            count += 1
            if !problems.isEmpty { return (Failure(iteration: count, bytes: bytes, problems: problems, seed: seed), count) }
        }
        return (nil, count)
    }
}

/// Steele, Lea and Flood's SplitMix64: tiny, fast, and the same sequence everywhere.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private extension String {
    /// FNV-1a of the bytes: `hashValue` changes from run to run.
    var hashValueStable: UInt64 {
        utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
}
