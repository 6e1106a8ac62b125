/// `markdown:` in `tabi.yml`: how much of a story or post is parsed at all. Text over a bound is
/// left out of its page and reported (the build exits with 1), so one hostile document costs
/// milliseconds, not the night.
///
/// ```yaml
/// markdown:
///   maxBytes: 131072       # one story, or one post's text
///   maxNesting: 16         # block quotes and lists inside each other
///   maxTableColumns: 64    # cells in one table row
/// ```
public struct MarkdownSettings: Codable, Sendable, Equatable {
    public var maxBytes: Int
    public var maxNesting: Int
    public var maxTableColumns: Int

    public static let defaults = MarkdownSettings(maxBytes: 128 << 10, maxNesting: 16, maxTableColumns: 64)

    public init(maxBytes: Int, maxNesting: Int, maxTableColumns: Int) {
        self.maxBytes = maxBytes
        self.maxNesting = maxNesting
        self.maxTableColumns = maxTableColumns
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self.defaults
        self.init(
            maxBytes: try c.decodeIfPresent(Int.self, forKey: .maxBytes) ?? d.maxBytes,
            maxNesting: try c.decodeIfPresent(Int.self, forKey: .maxNesting) ?? d.maxNesting,
            maxTableColumns: try c.decodeIfPresent(Int.self, forKey: .maxTableColumns) ?? d.maxTableColumns)
    }
}
