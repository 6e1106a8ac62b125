import Foundation

/// One parsed shared config or credentials file (`~/.aws/config`, `~/.aws/credentials`).
///
/// The INI dialect of the AWS CLI: `[section]` headers, `key = value` lines (keys are
/// case-insensitive), whole-line `#` and `;` comments, and nested settings under a key with an
/// empty value, indented on the lines that follow:
/// ```
/// [services local]
/// s3 =
///   endpoint_url = http://127.0.0.1:4566
/// ```
public struct AWSConfigFile: Sendable, Hashable {
    /// The settings of one section.
    public struct Section: Sendable, Hashable {
        /// `key = value` settings, keys lower-cased.
        public var values: [String: String] = [:]
        /// Nested settings by parent key (`s3` → `endpoint_url` → URL).
        public var nested: [String: [String: String]] = [:]

        public init(values: [String: String] = [:], nested: [String: [String: String]] = [:]) {
            self.values = values
            self.nested = nested
        }
    }

    /// Sections by their header text with whitespace collapsed (`profile work`, `default`).
    public var sections: [String: Section]
    /// The file it was read from, for messages.
    public var path: String

    public init(sections: [String: Section] = [:], path: String = "") {
        self.sections = sections
        self.path = path
    }

    /// Reads the file at `path`; a file that does not exist is empty, one that cannot be read or
    /// parsed is an error naming it.
    public static func load(path: String) throws(AWSConfigurationError) -> AWSConfigFile {
        guard FileManager.default.fileExists(atPath: path) else { return AWSConfigFile(path: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AWSConfigurationError(setting: path, reason: "the file cannot be read")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses file text; `path` only names the file in errors.
    public static func parse(_ text: String, path: String) throws(AWSConfigurationError) -> AWSConfigFile {
        var file = AWSConfigFile(path: path)
        var section: String?
        var nestedParent: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            let where_ = "\(path) line \(index + 1)"
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw AWSConfigurationError(setting: where_, reason: "a section header must end with ]") }
                let name = line.dropFirst().dropLast().split(whereSeparator: \.isWhitespace).joined(separator: " ")
                section = name
                nestedParent = nil
                if file.sections[name] == nil { file.sections[name] = Section() }
                continue
            }
            guard let current = section else {
                throw AWSConfigurationError(setting: where_, reason: "a setting must come after a [section] header")
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw AWSConfigurationError(setting: where_, reason: "expected key = value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let indented = rawLine.first == " " || rawLine.first == "\t"
            if indented, let parent = nestedParent {
                file.sections[current]!.nested[parent, default: [:]][key] = value
            } else if value.isEmpty {
                nestedParent = key
                if file.sections[current]!.nested[key] == nil { file.sections[current]!.nested[key] = [:] }
            } else {
                nestedParent = nil
                file.sections[current]!.values[key] = value
            }
        }
        return file
    }
}
