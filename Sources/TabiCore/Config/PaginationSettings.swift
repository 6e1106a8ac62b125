/// `pagination:` in `tabi.yml`: how many trips one listing page shows (the home page, then
/// `page/2/`, …; each tag's page the same way), as Hugo's `pagination.pagerSize`.
///
/// ```yaml
/// pagination:
///   pageSize: 20
/// ```
public struct PaginationSettings: Codable, Sendable, Equatable {
    public var pageSize: Int

    public static let defaults = PaginationSettings(pageSize: 20)
    /// A page of more trips than this is a mistake (and a page too heavy for a phone).
    public static let pageSizes = 1...500

    public init(pageSize: Int) {
        self.pageSize = pageSize
    }

    enum CodingKeys: String, CodingKey {
        case pageSize
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let size = try c.decodeIfPresent(Int.self, forKey: .pageSize) ?? Self.defaults.pageSize
        guard Self.pageSizes.contains(size) else {
            throw DecodingError.dataCorruptedError(
                forKey: .pageSize, in: c,
                debugDescription: "must be from \(Self.pageSizes.lowerBound) to \(Self.pageSizes.upperBound), not \(size)")
        }
        self.init(pageSize: size)
    }
}
