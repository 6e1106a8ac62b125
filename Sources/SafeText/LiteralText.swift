/// Finding and replacing text as bytes. `String`'s own `contains` and Foundation's
/// `replacingOccurrences` compare `Character`s, so a secret followed by a combining mark
/// (`KEY\u{301}`) is neither found nor redacted; bytes always are.
extension String {
    /// Every occurrence of the bytes of `literal` replaced by `replacement`. Replacing a whole
    /// UTF-8 sequence by another always leaves valid UTF-8.
    public func replacingLiteral(_ literal: String, with replacement: String) -> String {
        let target = Array(literal.utf8)
        guard !target.isEmpty else { return self }
        let bytes = Array(utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        var replaced = false
        while index < bytes.count {
            if bytes[index] == target[0], index + target.count <= bytes.count,
                bytes[index..<(index + target.count)].elementsEqual(target)
            {
                out += replacement.utf8
                index += target.count
                replaced = true
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return replaced ? String(decoding: out, as: UTF8.self) : self
    }
}
