import FuzzChecks
import SafeText
import TestSupport
import Testing

/// HTMLText and XMLText leave no markup character raw, whatever mark follows or precedes it,
/// and lose nothing but what XML cannot carry.
@Suite struct EscaperPropertyTests {
    @Test func anyTextEscapesCompletelyAndReversibly() {
        expectNoFindings(.escapers, iterations: 2000)
    }

    @Test func everyGluedMarkupCharacter() {
        for text in HostileText.all {
            #expect(EscaperCheck.findings(text: text) == [], "\(text)")
        }
    }
}
