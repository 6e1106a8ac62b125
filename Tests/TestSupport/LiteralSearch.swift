extension String {
    /// Whether the UTF-8 bytes of `literal` occur in this string's: a secret followed by a
    /// combining mark (`KEY\u{301}`) is one `Character` `contains` does not find, but its bytes are
    /// there. What the leak tests look for.
    public func containsLiteral(_ literal: String) -> Bool {
        guard !literal.isEmpty else { return true }
        return Array(utf8).firstRange(of: Array(literal.utf8)) != nil
    }
}
