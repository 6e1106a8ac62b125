import Foundation
import SafeText

/// URL names for trips: `^[a-z0-9][a-z0-9-]*$`, so a slug is always one safe path component.
public enum Slug {
    /// The rule every slug follows.
    public static let pattern = "^[a-z0-9][a-z0-9-]*$"
    /// The longest slug made from a title (a collision suffix may add a few characters).
    public static let maximumLength = 80

    /// Whether `text` is a valid slug (and therefore can never climb out of `Content/` or `Output/`).
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 128,
            isLowerAlphanumeric(first)
        else { return false }
        return text.utf8.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// A slug from a title (see ``SlugText/make(from:maximumLength:)``). Returns nil when nothing
    /// usable is left: callers fall back to a name of their own (trips: one made from the trip id).
    public static func make(from title: String, maximumLength: Int = maximumLength) -> String? {
        SlugText.make(from: title, maximumLength: maximumLength)
    }

    // MARK: - Unlisted trips

    /// The part of an unlisted trip's slug nobody can derive from public facts: 12 characters of
    /// base32 (60 bits) of a hash of the trip's id, which is never published. Anyone who knows an
    /// unlisted trip's title would otherwise find its page at `trips/<title-slug>/`. Stable, like
    /// every slug: the same trip always gets the same token.
    public static func unlistedToken(forTripID id: String) -> String {
        let digest = Array(ContentHash.sha256Bytes("tabi-press unlisted trip " + id.lowercased()))
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
        var bits = 0, value = 0
        var out: [UInt8] = []
        for byte in digest where out.count < 12 {
            value = (value << 8) | Int(byte)
            bits += 8
            while bits >= 5, out.count < 12 {
                out.append(alphabet[(value >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `slug` carries the unlisted token of the trip `id` (as its last part).
    public static func hasUnlistedToken(_ slug: String, tripID id: String) -> Bool {
        slug.hasSuffix("-" + unlistedToken(forTripID: id))
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { SlugText.isLowerAlphanumeric(byte) }
}
