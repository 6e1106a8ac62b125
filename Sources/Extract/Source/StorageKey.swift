/// The rule a photo's storage key must follow so it always resolves inside the media root
/// (`--media DIR` or `s3://bucket/prefix`): a relative path of ordinary names.
enum StorageKey {
    /// Why `key` is unsafe, as a phrase (`"is absolute"`), or nil when it is fine.
    static func problem(_ key: String) -> String? {
        if key.isEmpty { return "is empty" }
        if key.utf8.count > 1024 { return "is longer than 1024 bytes" }
        if key.hasPrefix("/") { return "is absolute" }
        if key.contains("\\") { return "contains a backslash" }
        if key.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "contains a control character"
        }
        for component in key.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty { return "has an empty path component" }
            if component == "." || component == ".." { return "climbs out of the media root (\(component))" }
        }
        return nil
    }
}
