import Foundation
import TabiCore
import TestSupport
import Testing

@testable import Render

/// JSON-LD text is JSON, and nothing in it can end its `<script>` element or open a comment.
@Suite struct ScriptJSONTests {
    @Test func markupAndLineSeparatorsAreEscapedScalarByScalar() throws {
        let hostile = "</script><script>alert(1)</script> \"\u{301} <!-- & a\u{2028}b\u{2029}c \\ \u{7}"
        let text = ScriptJSON.text(["headline": .string(hostile), "n": 3, "list": [true, .null]])
        #expect(
            text == #"{"headline":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \"\#u{301} "#
                + #"\u003c!-- \u0026 a\u2028b\u2029c \\ \u0007","list":[true,null],"n":3}"#)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["headline"] as? String == hostile)
    }

    @Test func everyHostileTextRoundTripsAndStaysInsideTheBlock() throws {
        for hostile in HostileText.all {
            let text = ScriptJSON.text(.object(["a": .string(hostile)]))
            #expect(!text.unicodeScalars.contains { "<>&\u{2028}\u{2029}".unicodeScalars.contains($0) }, "\(hostile.debugDescription)")
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
            #expect(parsed?["a"] == hostile, "\(hostile.debugDescription)")
        }
    }
}
