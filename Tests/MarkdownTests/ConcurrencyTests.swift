import Markdown
import Testing

/// Pages are built from many tasks at once; a document must render the same whatever else runs.
@Suite struct ConcurrencyTests {
    let renderer = MarkdownRenderer()

    /// Every GFM extension, footnotes, headings and smart punctuation, varied per index.
    static func document(_ index: Int) -> String {
        """
        # Day \(index): ~~rain~~ sun

        We walked **\(index) km** past www.example.com/\(index) and "smart" quotes -- fine.[^n]

        | a | b |
        |---|---|
        | ~~\(index)~~ | *x* |

        - [x] done \(index)
        - [ ] todo

        ## Day \(index)

        [^n]: A note \(index).
        """
    }

    @Test func parallelRendersMatchSerialRenders() async throws {
        let count = 200
        let expected = try (0..<count).map { try renderer.html(from: Self.document($0)) }
        let results = await withTaskGroup(of: (Int, RenderedMarkdown?).self) { group in
            for index in 0..<count {
                group.addTask { [renderer] in (index, try? renderer.html(from: Self.document(index))) }
            }
            var out = [RenderedMarkdown?](repeating: nil, count: count)
            for await (index, rendered) in group { out[index] = rendered }
            return out
        }
        for index in 0..<count {
            #expect(results[index] == expected[index], "document \(index) differs when rendered in parallel")
        }
        #expect(expected[3].html.contains("<td><del>3</del></td>"))
        #expect(expected[3].headings.map(\.id) == ["day-3-rain-sun", "day-3"])
    }

    /// libcmark-gfm 0.29 adds and removes the extensions' special characters in a process-wide
    /// table during each parse, so overlapping parses lose strikethrough (without the parse lock,
    /// a few of these 96 renders come out with fewer `<del>`; C threads show one parse in five).
    @Test func overlappingParsesKeepEveryStrikethrough() async throws {
        let markdown = Array(repeating: "a ~~x~~ b", count: 2000).joined(separator: "\n\n")
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<96 {
                group.addTask { [renderer] in ((try? renderer.html(from: markdown).html) ?? "").components(separatedBy: "<del>").count - 1 }
            }
            var out: [Int] = []
            for await count in group { out.append(count) }
            return out
        }
        #expect(counts == Array(repeating: 2000, count: 96))
    }
}
