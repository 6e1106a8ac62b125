import FuzzChecks
import Testing

/// Every committed seed and finding (`Fuzz/Corpus/`, `Fuzz/Findings/`) passes every check.
@Suite struct SeedCorpusTests {
    @Test(arguments: FuzzTarget.allCases)
    func committedInputsPass(target: FuzzTarget) {
        let inputs = FuzzCorpus.inputs(of: target)
        #expect(!inputs.isEmpty, "no seeds for \(target.rawValue)")
        for (name, bytes) in inputs {
            #expect(target.findings(bytes) == [], "\(name)")
        }
    }
}
