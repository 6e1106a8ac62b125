/// The lines two texts share and where they differ, for a writer comparing `story.md` with the
/// newer draft beside it: a longest common subsequence of lines, as `diff` finds.
enum LineDiff {
    enum Kind: String, Sendable {
        case same, added, removed
    }

    struct Line: Sendable, Equatable {
        var kind: Kind
        var text: String
    }

    /// Past this many lines on either side the table would be too large: the texts are shown
    /// whole, one removed and one added, instead.
    static let maximumLines = 4_000

    static func lines(from old: String, to new: String) -> [Line] {
        let a = split(old), b = split(new)
        guard a.count <= maximumLines, b.count <= maximumLines else {
            return a.map { Line(kind: .removed, text: $0) } + b.map { Line(kind: .added, text: $0) }
        }
        // Lines compared by their bytes (as ids), never by `Character`s.
        var ids: [[UInt8]: Int] = [:]
        var x: [Int] = [], y: [Int] = []
        for (lines, side) in [(a, 0), (b, 1)] {
            for line in lines {
                let key = Array(line.utf8)
                let id = ids[key] ?? ids.count
                ids[key] = id
                if side == 0 { x.append(id) } else { y.append(id) }
            }
        }
        // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
        let width = b.count + 1
        var lengths = [UInt16](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i * width + j] =
                    x[i] == y[j]
                    ? lengths[(i + 1) * width + j + 1] + 1
                    : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var out: [Line] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, x[i] == y[j] {
                out.append(Line(kind: .same, text: a[i]))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                // What goes before what comes, as `diff` shows them.
                out.append(Line(kind: .removed, text: a[i]))
                i += 1
            } else {
                out.append(Line(kind: .added, text: b[j]))
                j += 1
            }
        }
        return out
    }

    /// Lines split on line feeds only (compared by scalars, never by `Character`).
    private static func split(_ text: String) -> [String] {
        text.isEmpty
            ? [] : text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }
}
