/// The rule a photo's storage key must follow so it always resolves inside the media root
/// (`--media DIR` or `s3://bucket/prefix`): a relative, `/`-separated path of ordinary names, no
/// empty, `.` or `..` name, no backslash or control character, at most 1,024 bytes. Trip data
/// comes from a database other people write to, so a key must never reach outside the root.
/// Extract checks each key as it reads it, and the media sources check it again before joining it
/// to a root. Read byte by byte, never by `Character` (a `/` followed by a combining mark is one
/// `Character` that is not `/`).
public enum StorageKey {
    /// The longest key, in UTF-8 bytes (S3's own limit for an object key).
    public static let maximumBytes = 1024

    /// Whether `key` follows the rule.
    public static func isSafe(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { problem($0) } == nil
    }

    /// Why the key (its UTF-8 bytes, as the database sent them) is unsafe, as a phrase
    /// (`"is absolute"`), or nil when it is fine. Extract runs it once per photo, before any
    /// string is made.
    package static func problem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.isEmpty { return "is empty" }
        if bytes.count > maximumBytes { return "is longer than \(maximumBytes) bytes" }
        if bytes.first == UInt8(ascii: "/") { return "is absolute" }
        var componentLength = 0
        var dots = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): return "contains a backslash"
            case 0..<0x20, 0x7F: return "contains a control character"
            case UInt8(ascii: "/"):
                if let problem = check(length: componentLength, dots: dots) { return problem }
                componentLength = 0
                dots = 0
            default:
                componentLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return check(length: componentLength, dots: dots)
    }

    /// A path component that is empty, `.` or `..`.
    private static func check(length: Int, dots: Int) -> String? {
        if length == 0 { return "has an empty path component" }
        if length == dots, length <= 2 { return "climbs out of the media root (\(String(repeating: ".", count: dots)))" }
        return nil
    }
}
