import SafeText

/// The escapers on any text, markup characters glued to marks above all: the output holds no
/// raw `< > " '` and no `&` that does not start one of the escaper's own entities, and
/// unescaping it gives back the input byte for byte (XML: less the scalars XML cannot carry).
public enum EscaperCheck {
    public static func findings(_ input: inout FuzzInput) -> [String] {
        findings(text: input.text(.escapable, pieces: 300))
    }

    public static func findings(text: String) -> [String] {
        var problems: [String] = []
        let html = HTMLText.escape(text)
        problems += rawMarkup(in: html, entities: htmlEntities).map { "HTMLText: \($0)" }
        if !unescape(html, entities: htmlEntities).utf8.elementsEqual(text.utf8) {
            problems.append("HTMLText: unescaping does not give back the text")
        }
        var appended = "é\""
        HTMLText.escape(text, into: &appended)
        if !appended.utf8.elementsEqual(("é\"" + html).utf8) {
            problems.append("HTMLText: escaping into a string appends other bytes than escape(_:) gives")
        }
        let xml = XMLText.escape(text)
        problems += rawMarkup(in: xml, entities: xmlEntities).map { "XMLText: \($0)" }
        let representable = String(String.UnicodeScalarView(text.unicodeScalars.filter(XMLText.isAllowed)))
        if !unescape(xml, entities: xmlEntities).utf8.elementsEqual(representable.utf8) {
            problems.append("XMLText: unescaping does not give back the text less its unrepresentable scalars")
        }
        if let bad = xml.unicodeScalars.first(where: { !XMLText.isAllowed($0) }) {
            problems.append("XMLText: U+\(String(bad.value, radix: 16, uppercase: true)) left in a document")
        }
        let kept = XMLText.escape(text, unrepresentable: .keep)
        if !unescape(kept, entities: xmlEntities).utf8.elementsEqual(text.utf8) {
            problems.append("XMLText(.keep): unescaping does not give back the text")
        }
        let tail = text.unicodeScalars.dropFirst()
        if !XMLText.escape(Substring(tail)).utf8.elementsEqual(XMLText.escape(String(tail)).utf8) {
            problems.append("XMLText: a Substring escapes differently from the same String")
        }
        // Redaction finds a secret by its bytes, even glued to the text before it (one Character).
        if let first = text.unicodeScalars.first {
            let glued = "a" + text
            let redacted = glued.replacingLiteral(String(first), with: "")
            if redacted.utf8.count != glued.utf8.count - String(first).utf8.count * glued.utf8.ranges(of: String(first).utf8).count {
                problems.append("replacingLiteral misses U+\(String(first.value, radix: 16)) glued to the text before it")
            }
        }
        return problems
    }

    // MARK: - Reading escaped text back

    static let htmlEntities: [(String, UInt8)] = [("&amp;", 0x26), ("&lt;", 0x3C), ("&gt;", 0x3E), ("&quot;", 0x22), ("&#39;", 0x27)]
    static let xmlEntities: [(String, UInt8)] = [("&amp;", 0x26), ("&lt;", 0x3C), ("&gt;", 0x3E), ("&quot;", 0x22), ("&apos;", 0x27)]

    /// Raw `< > " '`, and `&` that starts none of `entities`, by byte offset.
    static func rawMarkup(in escaped: String, entities: [(String, UInt8)]) -> [String] {
        let bytes = Array(escaped.utf8)
        var problems: [String] = []
        for (offset, byte) in bytes.enumerated() {
            switch byte {
            case 0x3C, 0x3E, 0x22, 0x27:
                problems.append("a raw \(Character(Unicode.Scalar(byte))) at byte \(offset)")
            case 0x26 where !entities.contains(where: { bytes[offset...].starts(with: $0.0.utf8) }):
                problems.append("an & that is not an entity at byte \(offset)")
            default: break
            }
        }
        return problems
    }

    static func unescape(_ escaped: String, entities: [(String, UInt8)]) -> String {
        let bytes = Array(escaped.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x26, let (entity, byte) = entities.first(where: { bytes[index...].starts(with: $0.0.utf8) }) {
                out.append(byte)
                index += entity.utf8.count
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
