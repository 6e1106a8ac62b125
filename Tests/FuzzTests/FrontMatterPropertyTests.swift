import FuzzChecks
import Testing

/// Stories read back as written; front matter YAML is refused or no deeper than the guard said.
@Suite struct FrontMatterPropertyTests {
    @Test func writtenStoriesReadBackAndAnyYAMLIsGuarded() {
        expectNoFindings(.frontMatter, iterations: 600)
    }
}
