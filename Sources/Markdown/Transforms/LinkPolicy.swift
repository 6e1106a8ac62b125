/// Which link and image addresses untrusted Markdown may keep: relative ones, and absolute ones
/// whose scheme is on a short allow-list. Everything else (`javascript:`, `vbscript:`, `data:`,
/// `file:`, and schemes nobody thought of yet) is dropped.
///
/// The address is read the way a browser's URL parser reads it, not the way it looks: cmark has
/// already decoded entities (`jav&#x61;script:`) and escapes, and browsers strip leading and
/// trailing controls and spaces and delete tabs and newlines anywhere (`java&#9;script:`).
enum LinkPolicy {
    /// Schemes a link may use.
    static let linkSchemes: Set<String> = ["http", "https", "mailto", "tel"]
    /// Schemes an image may load from (no `data:`, not even `data:image/…`).
    static let imageSchemes: Set<String> = ["http", "https"]

    /// Whether a link (or, with `isImage`, an image source) may keep `url`.
    static func allows(_ url: String, isImage: Bool = false) -> Bool {
        guard let scheme = scheme(of: url) else { return true }
        return (isImage ? imageSchemes : linkSchemes).contains(scheme)
    }

    /// The lower-cased scheme a browser would see in `url`, or nil for a relative address.
    static func scheme(of url: String) -> String? {
        var scalars = Array(url.unicodeScalars)
        // WHATWG URL: strip leading/trailing C0 controls and spaces, then remove all tabs and newlines.
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        scalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.first, first.isASCIILetter else { return nil }
        var scheme = ""
        for scalar in scalars {
            if scalar == ":" { return scheme.lowercased() }
            guard scalar.isASCIILetter || scalar.isASCIIDigit || scalar == "+" || scalar == "-" || scalar == "." else {
                return nil  // not a scheme: the parser treats the whole address as a relative path
            }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }
}

private extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
