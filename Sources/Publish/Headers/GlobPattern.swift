import Foundation

/// A path glob, matched against a whole site-relative path (`trips/kyoto/index.html`):
/// `*` any characters within one folder name, `?` one of them, `**` any number of folders
/// (`**/` may match none), `[abc]`, `[a-z]`, `[!a-z]` a class, `{html,xml}` alternatives.
public struct GlobPattern: Sendable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    private let expression: NSRegularExpression

    /// Compiles `pattern`; throws ``GlobPatternError`` naming what is wrong with it.
    public init(_ pattern: String) throws(GlobPatternError) {
        self.pattern = pattern
        let regex = try Self.regex(for: pattern)
        do {
            expression = try NSRegularExpression(pattern: "^" + regex + "$", options: [.dotMatchesLineSeparators])
        } catch {
            throw GlobPatternError(pattern: pattern, reason: "it does not compile (\(regex))")
        }
    }

    /// Whether `path` matches the whole pattern.
    public func matches(_ path: String) -> Bool {
        expression.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }

    public var description: String { pattern }

    // MARK: - Translation

    private static func regex(for pattern: String) throws(GlobPatternError) -> String {
        let characters = Array(pattern)
        var out = ""
        var index = 0
        var braceDepth = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                let double = index + 1 < characters.count && characters[index + 1] == "*"
                let atSegmentStart = index == 0 || characters[index - 1] == "/"
                if double {
                    let followedBySlash = index + 2 < characters.count && characters[index + 2] == "/"
                    if atSegmentStart && followedBySlash {
                        out += "(?:[^/]*/)*"  // `**/`: zero or more whole folders
                        index += 3
                        continue
                    }
                    out += ".*"
                    index += 2
                    continue
                }
                out += "[^/]*"
            case "?":
                out += "[^/]"
            case "[":
                guard let close = characters[(index + 1)...].firstIndex(of: "]"), close > index + 1 else {
                    throw GlobPatternError(pattern: pattern, reason: "the [ at position \(index + 1) is not closed")
                }
                var body = String(characters[(index + 1)..<close])
                if body.hasPrefix("!") { body = "^" + body.dropFirst() }
                out += "[" + body.replacingOccurrences(of: "\\", with: "\\\\") + "]"
                index = close
            case "{":
                braceDepth += 1
                out += "(?:"
            case "}" where braceDepth > 0:
                braceDepth -= 1
                out += ")"
            case "," where braceDepth > 0:
                out += "|"
            default:
                out += NSRegularExpression.escapedPattern(for: String(character))
            }
            index += 1
        }
        guard braceDepth == 0 else { throw GlobPatternError(pattern: pattern, reason: "a { is not closed") }
        return out
    }
}

/// A pattern that cannot be used, and why.
public struct GlobPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    public var pattern: String
    public var reason: String

    public var description: String { "the pattern \"\(pattern)\" is not a valid glob: \(reason)" }
}
