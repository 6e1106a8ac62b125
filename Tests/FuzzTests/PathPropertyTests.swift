import FuzzChecks
import Testing

/// Paths the folder and media checks accept stay inside; slugs are short and plain.
@Suite struct PathPropertyTests {
    @Test func acceptedPathsStayInsideAndSlugsArePlain() {
        expectNoFindings(.paths, iterations: 1500)
    }

    /// Found by fuzz-paths: `/` or `.` glued to a combining mark.
    @Test(arguments: ["../\u{301}", "../\u{301}etc/passwd", "a/../\u{301}..", "/\u{301}etc", "..\u{301}/x", "a/\u{200D}/b"])
    func marksGluedToSeparators(path: String) {
        #expect(PathCheck.findings(path: path) == [])
    }

    /// Found by fuzz-paths: a dash and its character used to take the slug one past the limit.
    @Test func slugsAtTheLimit() {
        #expect(PathCheck.findings(title: String(repeating: "a", count: 79) + " b", maximumLength: 80) == [])
        #expect(PathCheck.findings(title: "ab cd", maximumLength: 3) == [])
    }
}
