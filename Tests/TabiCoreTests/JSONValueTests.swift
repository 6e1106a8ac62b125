import Foundation
import TabiCore
import Testing

/// Reports are written by JSONValue's own writer: what JSONSerialization reads back is what was
/// built, for any text, and the layout is JSONEncoder's pretty one with sorted keys.
@Suite struct JSONValueTests {
    static let texts = [
        "plain", "quote\" and \\ backslash", "line\nfeed\r\t\u{8}\u{C}", "\u{0}\u{1F}\u{7F}", "slash / kept",
        "e\u{301}\"\u{200D}", "\u{2028}\u{2029}", "日本語 🗾", "",
    ]

    @Test func whatIsWrittenReadsBackAsBuilt() throws {
        let value: JSONValue = [
            "texts": .strings(Self.texts), "keys": .object(Dictionary(uniqueKeysWithValues: Self.texts.map { ($0, .int(1)) })),
            "numbers": [0, -3, .double(0.474), .double(2), .double(.nan), .double(1e20)], "flags": [true, false, .null],
            "empty": [:], "none": [],
        ]
        let read = try #require(try JSONSerialization.jsonObject(with: value.encoded(), options: [.fragmentsAllowed]) as? [String: Any])
        #expect(read["texts"] as? [String] == Self.texts)
        #expect((read["keys"] as? [String: Int]).map { Set($0.keys) } == Set(Self.texts))
        let numbers = try #require(read["numbers"] as? [Double])
        #expect(numbers == [0, -3, 0.474, 2, 0, 1e20])
        #expect((read["empty"] as? [String: Any])?.isEmpty == true && (read["none"] as? [Any])?.isEmpty == true)
    }

    @Test func theLayoutIsJSONEncodersPrettyOneWithSortedKeys() throws {
        let value: JSONValue = ["b": ["x": 1, "a": [1, "two"]], "a": "/", "c": .double(1.5)]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(value.encoded() == (try encoder.encode(value)) + Data([0x0A]))
    }
}
