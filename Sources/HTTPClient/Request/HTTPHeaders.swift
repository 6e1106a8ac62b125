/// One header line: a name (case kept as given) and its value.
public struct HTTPHeader: Sendable, Hashable {
    /// The name, as spelled.
    public var name: String
    /// The value, as given or received.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Header lines in the order given, names compared without regard to case, a name may repeat.
///
/// Requests keep the order and spelling the caller chose (signatures are computed over them);
/// responses keep what the server sent, so a repeated header gives all its values.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral {
    private var lines: [HTTPHeader]

    public init() { lines = [] }

    /// Headers from `(name, value)` pairs, in order.
    public init(_ pairs: [(String, String)]) {
        lines = pairs.map { HTTPHeader(name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// Headers from a literal list of `(name, value)` pairs, which may repeat a name.
    public init(arrayLiteral elements: (String, String)...) {
        self.init(elements)
    }

    // MARK: - Reading

    /// The first value of `name`, any case; `nil` when absent.
    public subscript(name: String) -> String? {
        lines.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// Every value of `name`, any case, in order.
    public func values(for name: String) -> [String] {
        lines.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// Whether a line named `name` (any case) is present.
    public func contains(_ name: String) -> Bool {
        lines.contains { $0.name.caseInsensitiveEquals(name) }
    }

    /// The number of lines.
    public var count: Int { lines.count }

    /// Whether there are no lines.
    public var isEmpty: Bool { lines.isEmpty }

    /// The header names, in order, as spelled (values are left out: they may be secret).
    public var names: [String] { lines.map(\.name) }

    public func makeIterator() -> IndexingIterator<[HTTPHeader]> { lines.makeIterator() }

    // MARK: - Changing

    /// Appends a line, keeping any earlier line of the same name.
    public mutating func add(_ name: String, _ value: String) {
        lines.append(HTTPHeader(name: name, value: value))
    }

    /// Replaces every line named `name` (any case) by one line at the position of the first, or
    /// appends it when there was none.
    public mutating func set(_ name: String, _ value: String) {
        if let first = lines.firstIndex(where: { $0.name.caseInsensitiveEquals(name) }) {
            lines[first] = HTTPHeader(name: name, value: value)
            var index = lines.index(after: first)
            while index < lines.endIndex {
                if lines[index].name.caseInsensitiveEquals(name) { lines.remove(at: index) } else { index += 1 }
            }
        } else {
            add(name, value)
        }
    }

    /// Appends `text` to the last line's value (a folded header continuation line).
    mutating func extendLastValue(with text: String) {
        guard !lines.isEmpty else { return }
        lines[lines.count - 1].value += text
    }

    /// Removes every line named `name` (any case).
    public mutating func remove(_ name: String) {
        lines.removeAll { $0.name.caseInsensitiveEquals(name) }
    }
}

extension HTTPHeaders: CustomStringConvertible, CustomReflectable {
    /// Names only: header values can hold credentials and are never printed.
    public var description: String { "[" + names.joined(separator: ", ") + "]" }

    public var customMirror: Mirror { Mirror(self, children: ["names": names]) }
}

extension String {
    /// ASCII case-insensitive equality, which is what header names need (and cheap).
    func caseInsensitiveEquals(_ other: String) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A) }
    }
}
