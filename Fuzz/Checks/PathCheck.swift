import ContentStore
import TabiCore

/// Paths and names made from untrusted text. A path the folder or media root accepts never
/// leaves it, resolved byte by byte as the kernel does; the three checks agree with that
/// reading exactly; and a slug is short, `[a-z0-9-]`, never starts or ends with `-`, and is
/// its own slug.
public enum PathCheck {
    public static func findings(_ input: inout FuzzInput) -> [String] {
        let path = input.text(.path, pieces: 40)
        let maximumLength = input.int(in: 0...100)
        let title = input.text(.title, pieces: 80)
        return findings(path: path) + findings(title: title, maximumLength: maximumLength)
    }

    // MARK: - Paths

    public static func findings(path: String) -> [String] {
        var problems: [String] = []
        let bytes = Array(path.utf8)
        let plain = isPlain(bytes)
        if ConfinedFolder.isConfined(path), leavesTheRoot(bytes) {
            problems.append("ConfinedFolder.isConfined accepts \(shown(path)), which leaves the folder")
        }
        if ConfinedFolder.isConfined(path) != plain {
            problems.append("ConfinedFolder.isConfined(\(shown(path))) is \(!plain), the bytes say \(plain)")
        }
        if let names = ConfinedFolder.components(of: path), !names.joined(separator: "/").utf8.elementsEqual(bytes) {
            problems.append("ConfinedFolder.components(of: \(shown(path))) does not join back to the path")
        }
        let safe = plain && bytes.count <= 1024 && !bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0x5C }
        if StorageKey.isSafe(path) != safe {
            problems.append("StorageKey.isSafe(\(shown(path))) is \(!safe), the bytes say \(safe)")
        }
        let extractSafe = bytes.withUnsafeBufferPointer { StorageKey.problem($0) == nil }
        if extractSafe != safe {
            problems.append("StorageKey.problem accepts \(shown(path)): \(extractSafe), the bytes say \(safe)")
        }
        return problems
    }

    /// Relative, no NUL, and every `/`-separated name non-empty and neither `.` nor `..`.
    static func isPlain(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, first != 0x2F, !bytes.contains(0) else { return false }
        return bytes.split(separator: 0x2F, omittingEmptySubsequences: false)
            .allSatisfy { !$0.isEmpty && !$0.elementsEqual([0x2E]) && !$0.elementsEqual([0x2E, 0x2E]) }
    }

    /// Whether resolving `bytes` from a folder ever goes above it (or starts at `/`).
    static func leavesTheRoot(_ bytes: [UInt8]) -> Bool {
        if bytes.first == 0x2F { return true }
        var depth = 0
        for name in bytes.split(separator: 0x2F) {
            if name.elementsEqual([0x2E, 0x2E]) { depth -= 1 } else if !name.elementsEqual([0x2E]) { depth += 1 }
            if depth < 0 { return true }
        }
        return false
    }

    // MARK: - Slugs

    public static func findings(title: String, maximumLength: Int) -> [String] {
        guard let slug = Slug.make(from: title, maximumLength: maximumLength) else { return [] }
        var problems: [String] = []
        let bytes = Array(slug.utf8)
        if bytes.count > maximumLength { problems.append("slug \"\(slug)\" is \(bytes.count) bytes, over \(maximumLength)") }
        if !bytes.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }) {
            problems.append("slug \"\(slug)\" has bytes outside [a-z0-9-]")
        }
        if bytes.first == 0x2D || bytes.last == 0x2D { problems.append("slug \"\(slug)\" starts or ends with -") }
        if bytes.count <= 128, !Slug.isValid(slug) { problems.append("slug \"\(slug)\" is not Slug.isValid") }
        if Slug.make(from: slug, maximumLength: maximumLength) != slug { problems.append("slug \"\(slug)\" is not its own slug") }
        if Slug.make(from: title, maximumLength: maximumLength) != slug { problems.append("slug of \(shown(title)) changes between calls") }
        return problems
    }

    /// Text with its scalars spelled out, so a finding shows what was invisible.
    static func shown(_ text: String) -> String {
        let count = text.unicodeScalars.count
        let more = count > 160 ? "…(\(count - 160) more)" : ""
        return "\""
            + text.unicodeScalars.prefix(160).map {
                $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? String($0) : "\\u{\(String($0.value, radix: 16))}"
            }.joined() + more + "\""
    }
}
