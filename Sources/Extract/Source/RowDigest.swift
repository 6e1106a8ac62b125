import Crypto
import PostgresClient
import TabiCore

/// The fingerprint of a trip's public rows: the client's side of
/// ``SourceQueries/candidatesWithFingerprints``, which the database computes the same way.
///
/// A full extract gets the fingerprint from the rows it reads anyway (on the writing threads);
/// `extract --changed` asks the database for it in one query and compares it with the one each
/// `trip.json` holds.
enum RowDigest {
    /// Part of every fingerprint: changing what extract writes means bumping it, so `--changed`
    /// re-extracts every trip once.
    static let version = "tabi-press-extract-2"

    /// `md5(concat_ws(U+001F, version, trip row digest, n, x per table))` as lower-case hex, where
    /// each row's digest is the md5 of its columns' text joined by U+001F, with U+001E for NULL
    /// (`SourceColumns.digestSQL`), and `n`, `x` combine a table's rows (``XorCombination``).
    /// `scratch` holds one row's text at a time; its storage is reused (only its size matters).
    static func fingerprint(of rows: TripRows, scratch: inout [UInt8]) -> String {
        var destinations = XorCombination(), posts = XorCombination(), photos = XorCombination()
        let tripRow = ContentHash.hex(digest(of: rows.trip, columns: SourceColumns.trip.count, scratch: &scratch))
        for row in rows.destinations { destinations.add(digest(of: row, columns: SourceColumns.destination.count, scratch: &scratch)) }
        for row in rows.posts { posts.add(digest(of: row, columns: SourceColumns.post.count, scratch: &scratch)) }
        for row in rows.photos { photos.add(digest(of: row, columns: SourceColumns.photo.count, scratch: &scratch)) }
        let parts = [version, tripRow] + destinations.parts + posts.parts + photos.parts
        return ContentHash.hex(Insecure.MD5.hash(data: Array(parts.joined(separator: "\u{1F}").utf8)))
    }

    /// One row's digest, its text joined in `scratch` so it is hashed in one call.
    private static func digest(of row: PostgresRow, columns: Int, scratch: inout [UInt8]) -> Insecure.MD5Digest {
        withExtendedLifetime(row) {
            var length = columns - 1
            for column in 0..<columns { length += max(row.bytes(column)?.count ?? 1, 0) }
            if scratch.count < length { scratch = [UInt8](repeating: 0, count: max(length, 2 * scratch.count)) }
            var hasher = Insecure.MD5()
            scratch.withUnsafeMutableBufferPointer { buffer in
                var offset = 0
                for column in 0..<columns {
                    if column > 0 {
                        buffer[offset] = 0x1F
                        offset += 1
                    }
                    if let bytes = row.bytes(column) {
                        if let source = bytes.baseAddress, !bytes.isEmpty {
                            (buffer.baseAddress! + offset).update(from: source, count: bytes.count)
                        }
                        offset += bytes.count
                    } else {
                        buffer[offset] = 0x1E
                        offset += 1
                    }
                }
                hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer.baseAddress, count: offset))
            }
            return hasher.finalize()
        }
    }
}

/// Count and XOR of the first 64 bits of row digests, read as a signed big-endian integer the way
/// PostgreSQL reads `('x' || hex)::bit(64)::bigint`.
struct XorCombination {
    private(set) var count = 0
    private var bits: UInt64 = 0

    mutating func add(_ digest: Insecure.MD5Digest) {
        digest.withUnsafeBytes { bytes in
            var value: UInt64 = 0
            for index in 0..<8 { value = value << 8 | UInt64(bytes[index]) }
            bits ^= value
        }
        count += 1
    }

    /// `n` and `x` as the database prints them (0 when there are no rows).
    var parts: [String] { [String(count), String(Int64(bitPattern: bits))] }
}
