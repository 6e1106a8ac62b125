/// Why a template's text is not a template, and where (1-based line and column, in bytes).
public struct TemplateSyntaxError: Error, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let reason: String

    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "line \(line), column \(column): \(reason)" }

    /// The error at byte `offset` of `source`.
    static func at(_ offset: Int, in source: [UInt8], _ reason: String) -> TemplateSyntaxError {
        var line = 1, lineStart = 0
        for index in 0..<min(offset, source.count) where source[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return TemplateSyntaxError(line: line, column: offset - lineStart + 1, reason: reason)
    }
}
