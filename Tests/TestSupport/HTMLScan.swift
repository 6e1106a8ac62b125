/// Reads HTML the way a browser's tokenizer does, far enough to tell whether data turned into
/// markup: every start tag with its attributes (quoted with `"` or `'`, or unquoted), comments
/// and the doctype skipped, `<title>` and `<textarea>` read as text up to their end tag, and
/// `<script>`/`<style>` content skipped as raw text (their tags are still reported).
public enum HTMLScan {
    public struct Tag: Sendable, Equatable {
        public var name: String
        public var attributes: [(name: String, value: String)]

        public static func == (a: Tag, b: Tag) -> Bool {
            a.name == b.name && a.attributes.map(\.name) == b.attributes.map(\.name)
                && a.attributes.map(\.value) == b.attributes.map(\.value)
        }

        public func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    }

    public static func startTags(in html: String) -> [Tag] {
        let bytes = Array(html.utf8)
        var tags: [Tag] = []
        var index = 0
        func at(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        func skip(past marker: String) {
            let target = Array(marker.utf8)
            while index < bytes.count {
                if bytes[index...].starts(with: target) { index += target.count; return }
                index += 1
            }
        }
        func skipToEndTag(_ name: String) {
            let lower = Array("</\(name)".utf8)
            while index < bytes.count {
                if index + lower.count <= bytes.count,
                    bytes[index..<(index + lower.count)].map({ isLetter($0) ? $0 | 0x20 : $0 }) == lower
                {
                    return
                }
                index += 1
            }
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if bytes[index...].starts(with: Array("<!--".utf8)) { index += 4; skip(past: "-->"); continue }
            if at(1) == UInt8(ascii: "!") || at(1) == UInt8(ascii: "?") { skip(past: ">"); continue }
            guard let first = at(1), isLetter(first) else { index += 1; continue }
            index += 1
            var name: [UInt8] = []
            while let byte = at(0), !isSpace(byte), byte != UInt8(ascii: "/"), byte != UInt8(ascii: ">") {
                name.append(isLetter(byte) ? byte | 0x20 : byte)
                index += 1
            }
            var attributes: [(String, String)] = []
            while let byte = at(0), byte != UInt8(ascii: ">") {
                if isSpace(byte) || byte == UInt8(ascii: "/") { index += 1; continue }
                var attributeName: [UInt8] = [isLetter(byte) ? byte | 0x20 : byte]
                index += 1
                while let next = at(0), !isSpace(next), next != UInt8(ascii: "/"), next != UInt8(ascii: ">"),
                    next != UInt8(ascii: "=")
                {
                    attributeName.append(isLetter(next) ? next | 0x20 : next)
                    index += 1
                }
                while let next = at(0), isSpace(next) { index += 1 }
                var value: [UInt8] = []
                if at(0) == UInt8(ascii: "=") {
                    index += 1
                    while let next = at(0), isSpace(next) { index += 1 }
                    if let quote = at(0), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        index += 1
                        while let next = at(0), next != quote { value.append(next); index += 1 }
                        index += 1
                    } else {
                        while let next = at(0), !isSpace(next), next != UInt8(ascii: ">") { value.append(next); index += 1 }
                    }
                }
                attributes.append((String(decoding: attributeName, as: UTF8.self), String(decoding: value, as: UTF8.self)))
            }
            index += 1
            let tagName = String(decoding: name, as: UTF8.self)
            tags.append(Tag(name: tagName, attributes: attributes))
            if ["title", "textarea", "script", "style"].contains(tagName) { skipToEndTag(tagName) }
        }
        return tags
    }

    /// A `<script type="application/ld+json">`: a data block, which browsers never run (its text
    /// is skipped to `</script`, so a text that ended it early shows up as a second script).
    public static func isDataBlock(_ tag: Tag) -> Bool {
        tag.name == "script" && tag.attribute("type") == "application/ld+json" && tag.attribute("src") == nil
    }

    /// What in `html` could run script or change the page's origin, beyond what `allowed` (the
    /// theme's own tags, as a predicate) permits: a problem per finding, empty when clean.
    public static func scriptCapable(_ html: String, allowed: (Tag) -> Bool = { _ in false }) -> [String] {
        var problems: [String] = []
        for tag in startTags(in: html) where !allowed(tag) && !isDataBlock(tag) {
            if [
                "script", "style", "iframe", "frame", "object", "embed", "svg", "math", "base", "form",
                "applet", "template", "noscript",
            ].contains(tag.name) {
                problems.append("a <\(tag.name)> element")
            }
            if tag.name == "meta", tag.attribute("http-equiv") != nil { problems.append("a <meta http-equiv>") }
            for (name, value) in tag.attributes {
                if name.hasPrefix("on") { problems.append("<\(tag.name) \(name)=…> event handler") }
                if name == "style" { problems.append("<\(tag.name) style=…>") }
                if ["href", "src", "srcset", "action", "formaction", "data", "poster", "xlink:href"].contains(name) {
                    let scheme = value.unicodeScalars.filter { $0.value > 0x20 }.map(String.init).joined().lowercased()
                    // Only a srcset lists several addresses (after commas); in one address a comma
                    // is text (`http://x/a,javascript:` is an http link).
                    for bad in ["javascript:", "vbscript:", "data:"]
                    where scheme.hasPrefix(bad) || (name == "srcset" && scheme.contains("," + bad)) {
                        problems.append("<\(tag.name) \(name)=\"\(value)\">")
                    }
                }
            }
        }
        return problems
    }
}
