import Foundation

/// Small readers over rendered HTML, so assertions name what they look for.
enum HTMLInspection {
    /// Every value of `attribute="…"` in `html`, in order.
    static func attributeValues(_ attribute: String, in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "\\s\(attribute)=\"([^\"]*)\"")
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).map { String(html[Range($0.range(at: 1), in: html)!]) }
    }

    /// Whether any tag in `html` carries an `on…=` event handler attribute.
    static func hasEventHandler(_ html: String) -> Bool {
        html.range(of: "<[^>]*\\son[a-z]+\\s*=", options: [.regularExpression, .caseInsensitive]) != nil
    }

    /// The address with entity-style and percent-escapes undone and blanks removed, lower-cased:
    /// what a browser would end up treating as the scheme.
    static func normalizedAddress(_ value: String) -> String {
        let decoded = value.replacingOccurrences(of: "&amp;", with: "&").removingPercentEncoding ?? value
        return String(decoded.lowercased().unicodeScalars.filter { $0.value > 0x20 }.map(Character.init))
    }

    /// Schemes that run code or smuggle content and must never reach a page.
    static let dangerousSchemes = ["javascript:", "vbscript:", "data:", "file:"]

    static func hasDangerousAddress(_ html: String) -> Bool {
        (attributeValues("href", in: html) + attributeValues("src", in: html)).contains { value in
            let address = normalizedAddress(value)
            return dangerousSchemes.contains { address.hasPrefix($0) }
        }
    }
}
