import Crypto
import PostgresClient
import TabiCore

/// The fingerprint of a trip's public rows, computed from the rows as they arrive: the client's
/// side of ``SourceQueries/candidatesWithFingerprints``, which the database computes the same way.
///
/// A full extract gets the fingerprint for free while streaming; `extract --changed` asks the
/// database for it in one query and compares it with the one each `trip.json` holds.
struct RowDigest {
    /// Part of every fingerprint: changing what extract writes means bumping it, so `--changed`
    /// re-extracts every trip once.
    static let version = "tabi-press-extract-2"

    private var tripRow = "\u{1E}"
    private var destinations = XorCombination()
    private var posts = XorCombination()
    private var photos = XorCombination()
    /// One row's text, joined, so it is hashed in one call: reused for every row of a run.
    private var scratch: [UInt8] = []

    /// Starts the next trip's fingerprint (keeping the scratch space).
    mutating func reset() {
        tripRow = "\u{1E}"
        destinations = XorCombination()
        posts = XorCombination()
        photos = XorCombination()
    }

    mutating func addTrip(_ row: PostgresRow, columns: Int) { tripRow = ContentHash.hex(digest(of: row, columns: columns)) }
    mutating func addDestination(_ row: PostgresRow, columns: Int) { destinations.add(digest(of: row, columns: columns)) }
    mutating func addPost(_ row: PostgresRow, columns: Int) { posts.add(digest(of: row, columns: columns)) }
    mutating func addPhoto(_ row: PostgresRow, columns: Int) { photos.add(digest(of: row, columns: columns)) }

    /// `md5(concat_ws(U+001F, version, trip row digest, n, x per table))` as lower-case hex.
    var fingerprint: String {
        let parts = [Self.version, tripRow] + destinations.parts + posts.parts + photos.parts
        return ContentHash.hex(Insecure.MD5.hash(data: Array(parts.joined(separator: "\u{1F}").utf8)))
    }

    // MARK: - One row

    /// md5 of the columns' text joined by U+001F, U+001E for NULL: `SourceColumns.digestSQL`.
    private mutating func digest(of row: PostgresRow, columns: Int) -> Insecure.MD5Digest {
        scratch.removeAll(keepingCapacity: true)
        for column in 0..<columns {
            if column > 0 { scratch.append(0x1F) }
            if row.withBytes(column, { scratch.append(contentsOf: $0) }) == nil { scratch.append(0x1E) }
        }
        var hasher = Insecure.MD5()
        scratch.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize()
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
