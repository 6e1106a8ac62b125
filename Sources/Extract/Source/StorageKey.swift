/// The rule a photo's storage key must follow so it always resolves inside the media root
/// (`--media DIR` or `s3://bucket/prefix`): a relative path of ordinary names.
package enum StorageKey {
    /// Why the key (its UTF-8 bytes, as the database sent them) is unsafe, as a phrase
    /// (`"is absolute"`), or nil when it is fine. Runs once per photo, before any string is made.
    package static func problem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.isEmpty { return "is empty" }
        if bytes.count > 1024 { return "is longer than 1024 bytes" }
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
