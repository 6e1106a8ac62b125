/// Bytes as lower-case hex (digests, MD5s, signatures): two of `0-9a-f` per byte.
public enum HexText {
    /// Inlinable, so each caller gets it compiled for its own sequence (a digest, an array):
    /// through protocol witnesses it cost a night at 10,000 trips more than the hashing.
    @inlinable
    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digit(byte >> 4))
            out.append(digit(byte & 0x0F))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The hex digit of a value from 0 to 15.
    @usableFromInline
    static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
