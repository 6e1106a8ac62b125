import TestSupport

/// What rendered Markdown may contain: the tags and attributes cmark-gfm and the renderer's own
/// transforms print, ids of `[a-z0-9-]`, and addresses that are relative or on the allow-list.
/// Anything else is a finding: it came from the writer's text.
public enum HTMLSafety {
    static let tags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "input", "section", "sup",
    ]
    static let attributes: Set<String> = [
        "href", "src", "alt", "title", "id", "class", "align", "type", "checked", "disabled", "start",
        "data-footnotes", "data-footnote-ref", "data-footnote-backref", "aria-label", "tabindex",
    ]

    /// Every problem in `html`, as a phrase naming it; empty when the HTML is safe.
    public static func problems(in html: String) -> [String] {
        var problems = HTMLScan.scriptCapable(html)
        if containsCaseInsensitive(html, "<script") { problems.append("the text <script") }
        for tag in HTMLScan.startTags(in: html) {
            if !tags.contains(tag.name) { problems.append("a <\(tag.name)> tag") }
            for (name, value) in tag.attributes {
                if !attributes.contains(name) { problems.append("<\(tag.name) \(name)=…>") }
                if name == "id", value.isEmpty || !value.utf8.allSatisfy(isIDByte) {
                    problems.append("<\(tag.name) id=\"\(value)\">: an id outside [a-z0-9-]")
                }
                if name == "href" || name == "src", let scheme = scheme(of: decodeEntities(value)),
                    !(name == "src" ? ["http", "https"] : ["http", "https", "mailto", "tel"]).contains(scheme)
                {
                    problems.append("<\(tag.name) \(name)=\"\(value)\">: the scheme \(scheme)")
                }
            }
        }
        return problems
    }

    // MARK: - Reading addresses as a browser does

    /// `&amp;`, `&colon;`, `&tab;`, `&newline;` and numeric references decoded (enough to see a scheme).
    static func decodeEntities(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first {
            guard first == "&", let end = scalars.prefix(12).firstIndex(of: ";") else {
                out.append(first)
                scalars = scalars.dropFirst()
                continue
            }
            let name = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<end])).lowercased()
            let named: [String: Unicode.Scalar] = [
                "amp": "&", "colon": ":", "tab": "\t", "newline": "\n",
                "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
            ]
            var decoded: Unicode.Scalar? = named[name]
            if name.hasPrefix("#x") {
                decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if name.hasPrefix("#") {
                decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
            }
            if let decoded {
                out.append(decoded)
                scalars = scalars[scalars.index(after: end)...]
            } else {
                out.append(first)
                scalars = scalars.dropFirst()
            }
        }
        return String(out)
    }

    /// The lower-cased scheme of `url` as the WHATWG URL parser finds it, nil for a relative address.
    static func scheme(of url: String) -> String? {
        var scalars = Array(url.unicodeScalars)
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        scalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        var scheme = ""
        for scalar in scalars {
            if scalar == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            guard scalar.isASCII, let byte = UInt8(exactly: scalar.value),
                isLetter(byte) || (!scheme.isEmpty && (isDigit(byte) || byte == 0x2B || byte == 0x2D || byte == 0x2E))
            else { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }

    // MARK: - Bytes

    static func containsCaseInsensitive(_ text: String, _ needle: String) -> Bool {
        let lower = text.utf8.map { isLetter($0) ? $0 | 0x20 : $0 }
        return lower.firstRange(of: Array(needle.utf8)) != nil
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || isDigit(byte) || byte == 0x2D
    }
    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
}
