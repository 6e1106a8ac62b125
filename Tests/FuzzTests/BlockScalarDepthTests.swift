import Testing
import Yams

@testable import FuzzChecks
@testable import TabiCore

/// The depth guard reads block scalars by their indentation: brackets in their text do not
/// count, brackets after them do. Checked against libyaml on documents built to stress exactly
/// that (headers after keys, dashes and explicit keys, indentation indicators, empty lines,
/// text indented more or less than it must be), none of which the guard may under-estimate.
@Suite struct BlockScalarDepthTests {
    @Test func theGuardNeverUnderEstimatesAroundBlockScalars() {
        var random = SplitMix64(seed: 0xB10C_5CA1)
        var composed = 0
        var bracketsInText = 0
        for iteration in 0..<10_000 {
            let (yaml, textHasBrackets) = Self.document(&random)
            guard let parser = try? Parser(yaml: yaml), let root = try? parser.singleRoot() else { continue }
            composed += 1
            let depth = withExtendedLifetime(parser) { FrontMatterCheck.flowDepth(root, in: yaml) }
            let estimate = YAMLGuard.flowDepth(of: yaml)
            #expect(
                estimate >= min(depth, YAMLGuard.maximumFlowDepth + 1),
                "document \(iteration): depth \(depth), estimated \(estimate): \(PathCheck.shown(yaml))")
            if textHasBrackets, depth == 0, estimate == 0 { bracketsInText += 1 }
        }
        // The documents are worth checking: many compose, and in many the guard saw through
        // the brackets of a block scalar's text (it did not simply count everything).
        #expect(composed > 4_000, "\(composed) documents composed")
        #expect(bracketsInText > 1_000, "\(bracketsInText) block scalars with brackets read as text")
    }

    /// A mapping or sequence of a few entries, each a flow value (really nested) or a block
    /// scalar after `k: `, `- `, `- k: `, `: ` or nested one level, whose text lines are indented
    /// around what the block needs: more, exactly, less (ending it), or empty.
    static func document(_ random: inout SplitMix64) -> (String, Bool) {
        func pick<T>(_ options: [T]) -> T { options[Int(random.next() % UInt64(options.count))] }
        let sequence = random.next() % 3 == 0
        var lines: [String] = []
        var textHasBrackets = false
        for entry in 0..<Int(1 + random.next() % 4) {
            let key = sequence ? "- " : "k\(entry): "
            if random.next() % 3 == 0 {
                lines.append(key + pick(["[[a]]", "{a: [b, {c: d}]}", "\"[{'\"", "'[{\"'", "a [{ b", "[a, [b]] # [[", "x"]))
                continue
            }
            // The text of the block and the column of the collection holding it.
            let (head, parent): (String, Int) =
                sequence
                ? pick([("- ", 0), ("- - ", 2), ("- k: ", 2), ("- ? ", 2)])
                : pick([(key, 0), (key + "\n  - ", 2), (key + "\n  - k: ", 4), (key + "\n  j: ", 2), ("? \(key)\n: ", 0)])
            let indicator = pick(["", "", "1", "2", "3"])
            let chomp = pick(["", "-", "+"])
            lines.append(
                head + pick(["|", ">"]) + (random.next() % 2 == 0 ? chomp + indicator : indicator + chomp)
                    + pick(["", "", " # [["]))
            for _ in 0..<Int(random.next() % 4) {
                let spaces = String(repeating: " ", count: max(0, parent + pick([-1, 0, 1, 1, 2, 2, 3, 4])))
                let text = (0..<Int(1 + random.next() % 4)).map { _ in
                    pick(["[[[[", "{{{{", "[", "]", "'", "\"", "# ", ": ", "a", " ", "- ", "|", "j: [[a]]", "---"])
                }.joined()
                textHasBrackets = textHasBrackets || text.contains("[") || text.contains("{")
                lines.append(random.next() % 5 == 0 ? spaces : spaces + text)
            }
        }
        return (lines.joined(separator: "\n") + "\n", textHasBrackets)
    }
}
