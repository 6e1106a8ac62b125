import Foundation
import SafeText

/// Request bodies in XML (DeleteObjects, CompleteMultipartUpload, CreateInvalidation): the
/// few elements they need, with text escaped.
public enum XMLBody {
    /// The declaration every body starts with.
    public static let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"#

    /// `text` with `& < > " '` escaped for element content and attribute values, scalar by
    /// scalar. Characters XML cannot carry are kept, so S3 refuses the body rather than act on
    /// a key that was silently changed.
    public static func escape(_ text: some StringProtocol) -> String {
        XMLText.escape(text, unrepresentable: .keep)
    }

    /// `<name>escaped text</name>`.
    public static func element(_ name: String, _ text: some StringProtocol) -> String {
        "<\(name)>\(escape(text))</\(name)>"
    }
}
