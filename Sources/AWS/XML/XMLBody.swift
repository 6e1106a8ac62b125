import Foundation

/// Request bodies in XML (DeleteObjects, CompleteMultipartUpload, CreateInvalidation): the
/// few elements they need, with text escaped.
public enum XMLBody {
    /// The declaration every body starts with.
    public static let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"#

    /// `text` with `& < > " '` escaped for element content and attribute values.
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `<name>escaped text</name>`.
    public static func element(_ name: String, _ text: some StringProtocol) -> String {
        "<\(name)>\(escape(text))</\(name)>"
    }
}
