/// The four things fuzzed, each one check over bytes shared by the libFuzzer executables
/// (`fuzz-<name>`), the bounded property runs of `FuzzTests`, and the replay of saved findings.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case markdown
    case escapers
    case frontMatter = "front-matter"
    case paths

    /// The problems `bytes` shows, as phrases; empty when every property holds.
    public func findings(_ bytes: some Sequence<UInt8>) -> [String] {
        var input = FuzzInput(bytes)
        switch self {
        case .markdown: return MarkdownCheck.findings(&input)
        case .escapers: return EscaperCheck.findings(&input)
        case .frontMatter: return FrontMatterCheck.findings(&input)
        case .paths: return PathCheck.findings(&input)
        }
    }

    /// Runs one libFuzzer input: a finding stops the process, so libFuzzer saves the input.
    public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        let problems = findings(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
        if !problems.isEmpty { fatalError("fuzz-\(rawValue): " + problems.joined(separator: "; ")) }
    }
}
