import Crypto
import PostgresClient
import TabiCore

/// The text of one trip's rows as its fingerprint hashes them, collected while the rows are read
/// and hashed later (``RowDigest``) on the writing thread, which has the time: hashing is a
/// quarter of the work of reading a trip.
///
/// One byte buffer per trip, reused from trip to trip: per row its table, its length and its
/// columns' text joined by U+001F, with U+001E for NULL (`SourceColumns.digestSQL`).
struct RowTexts: Sendable {
    enum Table: UInt8, CaseIterable, Sendable {
        case trip, destination, post, photo
    }

    private var bytes: [UInt8] = []

    /// Empties the buffer, keeping its storage.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Adds the first `columns` columns of `row`.
    mutating func append(_ row: PostgresRow, columns: Int, of table: Table) {
        bytes.append(table.rawValue)
        let lengthAt = bytes.count
        for _ in 0..<4 { bytes.append(0) }  // the length, filled in below
        for column in 0..<columns {
            if column > 0 { bytes.append(0x1F) }
            if row.withBytes(column, { bytes.append(contentsOf: $0) }) == nil { bytes.append(0x1E) }
        }
        let length = UInt32(truncatingIfNeeded: bytes.count - lengthAt - 4)
        for index in 0..<4 { bytes[lengthAt + index] = UInt8(truncatingIfNeeded: length >> (8 * index)) }
    }

    /// Calls `body` with each row's table and text, in the order they were added.
    func forEach(_ body: (Table, UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let table = Table(rawValue: raw[offset])!
                var length = 0
                for index in 0..<4 { length |= Int(raw[offset + 1 + index]) << (8 * index) }
                body(table, UnsafeRawBufferPointer(rebasing: raw[(offset + 5)..<(offset + 5 + length)]))
                offset += 5 + length
            }
        }
    }
}

/// The fingerprint of a trip's public rows: the client's side of
/// ``SourceQueries/candidatesWithFingerprints``, which the database computes the same way.
///
/// A full extract gets the fingerprint from the rows it reads anyway; `extract --changed` asks the
/// database for it in one query and compares it with the one each `trip.json` holds.
enum RowDigest {
    /// Part of every fingerprint: changing what extract writes means bumping it, so `--changed`
    /// re-extracts every trip once.
    static let version = "tabi-press-extract-2"

    /// `md5(concat_ws(U+001F, version, trip row digest, n, x per table))` as lower-case hex, where
    /// each row's digest is the md5 of its text and `n`, `x` combine a table's rows
    /// (``XorCombination``). U+001E stands for a trip row that is missing.
    static func fingerprint(of rows: RowTexts) -> String {
        var tripRow = "\u{1E}"
        var tables = [XorCombination](repeating: XorCombination(), count: RowTexts.Table.allCases.count)
        rows.forEach { table, text in
            var hasher = Insecure.MD5()
            hasher.update(bufferPointer: text)
            let digest = hasher.finalize()
            if table == .trip { tripRow = ContentHash.hex(digest) } else { tables[Int(table.rawValue)].add(digest) }
        }
        let parts = [version, tripRow] + tables.dropFirst().flatMap(\.parts)
        return ContentHash.hex(Insecure.MD5.hash(data: Array(parts.joined(separator: "\u{1F}").utf8)))
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
