import Crypto
import Foundation
import SafeText

/// Hex SHA-256, the hash content addressing and change detection use throughout.
public enum ContentHash {
    public static func sha256(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    public static func sha256(_ text: String) -> String {
        sha256(Data(text.utf8))
    }

    /// Hex MD5: the ETag S3 gives an object put in one part, and what publish compares with it.
    public static func md5(_ data: some DataProtocol) -> String {
        hex(Insecure.MD5.hash(data: data))
    }

    /// The raw 32 bytes of the SHA-256 of `text`'s UTF-8.
    public static func sha256Bytes(_ text: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(text.utf8)))
    }

    /// The first byte of the SHA-256 of `text`'s UTF-8, hashed in place.
    public static func firstByteOfSHA256(_ text: String) -> UInt8 {
        var text = text
        let digest = text.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        return digest.withUnsafeBytes { $0[0] }
    }

    /// Lower-case hex of any bytes (digests, MD5s, signatures).
    public static func hex(_ bytes: some Sequence<UInt8>) -> String { HexText.lowercase(bytes) }
}
