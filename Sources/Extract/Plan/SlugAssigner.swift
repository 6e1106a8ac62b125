import TabiCore

/// Gives new trips their slugs: from the title (``Slug/make(from:maximumLength:)``), or `trip-<first 8 of the id>`
/// when nothing usable is left of it, then `-2`, `-3`, ... until the name is free; an unlisted
/// trip's slug ends with a token of its id, so knowing its title is not enough to find it.
///
/// Slugs already given are never changed (a title edit must not break published URLs), so only
/// trips without one come here, in a fixed order (created, then id) so two runs agree.
struct SlugAssigner {
    /// Every name already in use or reserved: published trips, withdrawn ones, unreadable folders.
    private(set) var taken: Set<String>

    init(taken: Set<String>) { self.taken = taken }

    /// A free slug for a trip, marked taken. An unlisted trip's ends with its token
    /// (``Slug/unlistedToken(forTripID:)``), after any `-2`, `-3` that makes it free.
    mutating func assign(id: String, title: String, unlisted: Bool = false) -> String {
        let room = Slug.maximumLength - (unlisted ? Self.tokenLength + 1 : 0)
        return assign(id: id, base: Slug.make(from: title, maximumLength: room) ?? Self.fallback(id: id), unlisted: unlisted)
    }

    /// A free slug made from `base` (already a slug), marked taken.
    mutating func assign(id: String, base: String, unlisted: Bool) -> String {
        let token = unlisted ? "-" + Slug.unlistedToken(forTripID: id) : ""
        var slug = base + token
        var suffix = 2
        while taken.contains(slug) {
            slug = "\(base)-\(suffix)\(token)"
            suffix += 1
        }
        taken.insert(slug)
        return slug
    }

    static let tokenLength = 12

    /// `trip-0b5e2c1e`: what a title with nothing transliterable (emoji, punctuation) becomes.
    static func fallback(id: String) -> String {
        let hex = id.lowercased().unicodeScalars.filter { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
        return "trip-" + String(String.UnicodeScalarView(hex.prefix(8)))
    }
}
