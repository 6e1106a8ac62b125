import FuzzChecks
import Testing

/// One bounded property run (`FUZZ_SEED`, `FUZZ_ITERATIONS`, `FUZZ_SECONDS` override the
/// defaults), failing with the seed, iteration and input that broke the property.
func expectNoFindings(
    _ target: FuzzTarget, iterations: Int = 400, seconds: Double = 4, maximumLength: Int = 1024,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let run = FuzzRun.fromEnvironment(iterations: iterations, seconds: seconds, maximumLength: maximumLength)
    let (failure, count) = run.run(target)
    #expect(failure == nil, "\(failure.map(String.init(describing:)) ?? "")", sourceLocation: sourceLocation)
    #expect(count > 0, "no input ran", sourceLocation: sourceLocation)
}
