import Foundation

/// Text made into a slug: `[a-z0-9-]` only, never starting or ending with `-`. Trip slugs
/// (TabiCore's `Slug`) and heading anchors (Markdown) are both made this way.
public enum SlugText {
    /// A slug from `text`: transliterated to Latin where possible (`Tōkyō` → `tokyo`, `Москва` →
    /// `moskva`), lower case, runs of anything else collapsed to one `-`, at most `maximumLength`
    /// bytes. Returns nil when nothing usable is left (an emoji-only title, `../..`): callers fall
    /// back to a name of their own.
    public static func make(from text: String, maximumLength: Int) -> String? {
        let latin = text.applyingTransform(.toLatin, reverse: false) ?? text
        let plain = latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
        var slug = ""
        var pendingDash = false
        for scalar in plain.lowercased().unicodeScalars {
            if scalar.isASCII, let byte = UInt8(exactly: scalar.value), isLowerAlphanumeric(byte) {
                // A dash only ever goes in front of a character, so a slug never ends with one;
                // the dash and its character both fit, or the slug ends here.
                let dash = pendingDash && !slug.isEmpty
                guard slug.utf8.count + (dash ? 2 : 1) <= maximumLength else { break }
                if dash { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? nil : slug
    }

    /// `a`–`z` or `0`–`9`.
    public static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
