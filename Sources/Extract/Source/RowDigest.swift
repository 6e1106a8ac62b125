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

    /// What one writing thread keeps from trip to trip: the rows' text, where each row is, their
    /// digests.
    struct Scratch {
        fileprivate var text: [UInt8] = []
        fileprivate var rows: [Range<Int>] = []
        fileprivate var digests: [UInt8] = []
    }

    /// `md5(concat_ws(U+001F, version, trip row digest, n, x per table))` as lower-case hex, where
    /// each row's digest is the md5 of its columns' text joined by U+001F, with U+001E for NULL
    /// (`SourceColumns.digestSQL`), and `n`, `x` combine a table's rows (``XorCombination``).
    /// All the trip's rows are hashed together (``MD5Batch``).
    static func fingerprint(of rows: TripRows, scratch: inout Scratch) -> String {
        scratch.text.removeAll(keepingCapacity: true)
        scratch.rows.removeAll(keepingCapacity: true)
        append(rows.trip, columns: SourceColumns.trip.count, to: &scratch)
        for row in rows.destinations { append(row, columns: SourceColumns.destination.count, to: &scratch) }
        for row in rows.posts { append(row, columns: SourceColumns.post.count, to: &scratch) }
        for row in rows.photos { append(row, columns: SourceColumns.photo.count, to: &scratch) }
        scratch.text.withUnsafeBytes { text in
            MD5Batch.digests(of: text, messages: scratch.rows, into: &scratch.digests)
        }

        var tables = (XorCombination(), XorCombination(), XorCombination())
        let tripRow = ContentHash.hex(scratch.digests[0..<16])
        var index = 1
        for (count, table) in [(rows.destinations.count, 0), (rows.posts.count, 1), (rows.photos.count, 2)] {
            for _ in 0..<count {
                let digest = scratch.digests[(16 * index)..<(16 * index + 8)]
                switch table {
                case 0: tables.0.add(digest)
                case 1: tables.1.add(digest)
                default: tables.2.add(digest)
                }
                index += 1
            }
        }
        let parts = [version, tripRow] + tables.0.parts + tables.1.parts + tables.2.parts
        return ContentHash.hex(MD5Batch.digest(of: Array(parts.joined(separator: "\u{1F}").utf8)))
    }

    /// Adds one row's text to `scratch`: its columns joined, sized first so it is copied in one go.
    private static func append(_ row: PostgresRow, columns: Int, to scratch: inout Scratch) {
        withExtendedLifetime(row) {
            var length = columns - 1
            for column in 0..<columns { length += row.bytes(column)?.count ?? 1 }
            let start = scratch.text.count
            scratch.text.append(contentsOf: repeatElement(0, count: length))
            scratch.text.withUnsafeMutableBufferPointer { buffer in
                var offset = start
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
            }
            scratch.rows.append(start..<(start + length))
        }
    }
}

/// Count and XOR of the first 64 bits of row digests, read as a signed big-endian integer the way
/// PostgreSQL reads `('x' || hex)::bit(64)::bigint`.
struct XorCombination {
    private(set) var count = 0
    private var bits: UInt64 = 0

    /// Adds a row: the first eight bytes of its digest.
    mutating func add(_ digest: ArraySlice<UInt8>) {
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        bits ^= value
        count += 1
    }

    /// `n` and `x` as the database prints them (0 when there are no rows).
    var parts: [String] { [String(count), String(Int64(bitPattern: bits))] }
}
