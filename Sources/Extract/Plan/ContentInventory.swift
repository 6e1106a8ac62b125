import ContentStore
import Foundation
import TabiCore

/// What `Content/` already holds, read before extract asks the database anything: which trip id
/// has which slug (slugs never change once given), the fingerprint each trip was extracted with,
/// and the trips withdrawn earlier (kept in `trips/.withdrawn/<slug>/` with their story).
struct ContentInventory {
    /// A trip published in `Content/trips/<slug>/`.
    struct Entry: Equatable, Sendable {
        var id: String
        var slug: String
        /// `source.fingerprint` of its `trip.json`; nil when the file has none or is not fully readable.
        var fingerprint: String?
    }

    /// Published trips by id.
    var trips: [String: Entry] = [:]
    /// Withdrawn trips by id: their slug stays theirs if they come back.
    var withdrawn: [String: String] = [:]
    /// Every folder name under `trips/` and `trips/.withdrawn/`: no new trip may take one.
    var takenSlugs: Set<String> = []
    /// Files that could not be read; their folders are left alone and their names stay taken.
    var problems: [ExtractProblem] = []

    /// Reads `trips/*/trip.json` (only the id, the slug and the stamp) and `trips/.withdrawn/*/`.
    static func scan(_ content: ContentDirectory) throws(ExtractError) -> ContentInventory {
        var inventory = ContentInventory()
        inventory.takenSlugs = try folderNames(content.tripsFolder)
        var reader = TripFileReader()
        for slug in inventory.takenSlugs.sorted() where Slug.isValid(slug) {
            let file = content.tripFile(of: slug)
            let identity: TripIdentity
            do {
                guard let found = try reader.identity(at: file.path, slug: slug) else { continue }
                identity = found
            } catch {
                inventory.problems.append(
                    ExtractProblem(
                        .error, subject: file.path,
                        reason: "cannot be read (\(TripIdentity.reason(error))); the folder is left alone and its name stays taken"))
                continue
            }
            let id = identity.id.lowercased()
            if let first = inventory.trips[id] {
                inventory.problems.append(
                    ExtractProblem(
                        .error, tripId: id, slug: slug, subject: file.path,
                        reason: "this trip is also in trips/\(first.slug)/; this folder is left alone"))
                continue
            }
            inventory.trips[id] = Entry(id: id, slug: slug, fingerprint: identity.source?.fingerprint)
        }
        let withdrawnFolder = WithdrawnTrips(content).folder
        for slug in try folderNames(withdrawnFolder).sorted() where Slug.isValid(slug) {
            inventory.takenSlugs.insert(slug)
            let file = withdrawnFolder.appendingPathComponent(slug).appendingPathComponent(WithdrawnTrips.recordName)
            guard let data = FileManager.default.contents(atPath: file.path),
                let record = try? JSONDecoder().decode(WithdrawnTrips.Record.self, from: data)
            else { continue }
            let id = record.id.lowercased()
            if inventory.trips[id] == nil, inventory.withdrawn[id] == nil { inventory.withdrawn[id] = slug }
        }
        return inventory
    }

    /// Names of the folders in `folder` that do not start with a dot; none when it does not exist.
    private static func folderNames(_ folder: URL) throws(ExtractError) -> Set<String> {
        let fm = FileManager.default
        guard fm.fileExists(atPath: folder.path) else { return [] }
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: folder.path) } catch {
            throw ExtractError.content(FileError(path: folder.path, action: "list", underlying: error))
        }
        return Set(
            names.filter { name in
                var isFolder: ObjCBool = false
                return !name.hasPrefix(".")
                    && fm.fileExists(
                        atPath: folder.appendingPathComponent(name).path,
                        isDirectory: &isFolder)
                    && isFolder.boolValue
            })
    }
}

/// Reads what the inventory needs of each `trip.json`, reusing its buffers from file to file.
///
/// A file as `TripJSON` writes it has `id` near its start (after the destinations) and `slug` and
/// `source` near its end (after the posts), so only its first and last few kilobytes are read;
/// the whole file only when they are not found there (a long description or title, another
/// layout), and then decoded when the layout differs.
private struct TripFileReader {
    static let headSize = 16 << 10
    static let tailSize = 4 << 10
    private var head = [UInt8](repeating: 0, count: headSize)
    private var tail = [UInt8](repeating: 0, count: tailSize)

    /// The file's identity; nil when there is no file to read. Throws when it is not a trip.
    mutating func identity(at path: String, slug: String) throws -> TripIdentity? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
            Int(status.st_size) > Self.headSize + Self.tailSize,
            Self.read(descriptor, into: &head, at: 0), Self.read(descriptor, into: &tail, at: Int(status.st_size) - Self.tailSize)
        {
            let found = head.withUnsafeBytes { head in
                tail.withUnsafeBytes { tail in TripIdentity.scan(head: head, tail: tail, slug: slug) }
            }
            if let found { return found }
        }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let found = data.withUnsafeBytes { TripIdentity.scan(head: $0, tail: $0, slug: slug) }
        return try found ?? JSONDecoder().decode(TripIdentity.self, from: data)
    }

    /// Fills `buffer` from `offset`; false when the file ends first or cannot be read.
    private static func read(_ descriptor: Int32, into buffer: inout [UInt8], at offset: Int) -> Bool {
        buffer.withUnsafeMutableBytes { bytes in
            var done = 0
            while done < bytes.count {
                let count = pread(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                done += count
            }
            return true
        }
    }
}

/// The few fields of `trip.json` extract needs to plan. Decoding only these keeps a run over
/// thousands of trips from building every post of every trip, and still finds the id of a file
/// whose other fields a person broke.
private struct TripIdentity: Decodable {
    struct Source: Decodable { var fingerprint: String? }
    var id: String
    var source: Source?

    /// The fast way for files as `TripJSON` writes them (two-space indentation, sorted keys): the
    /// top-level lines found by byte search, since only they start with a new line and two spaces
    /// (a new line inside a string is always escaped): `id` in `head` (the file's first bytes),
    /// `slug` and `source` in `tail` (its last; both may be the whole file). Nil, so the caller
    /// reads more or decodes the file, when the layout differs or the slug line does not name the
    /// folder.
    static func scan(head: UnsafeRawBufferPointer, tail: UnsafeRawBufferPointer, slug: String) -> TripIdentity? {
        guard head.starts(with: "{\n  \"".utf8),
            let id = value(after: "\n  \"id\" : \"", in: head), !id.isEmpty,
            value(after: "\n  \"slug\" : \"", in: tail) == slug
        else { return nil }
        let fingerprint = value(after: "\n  \"source\" : {\n    \"fingerprint\" : \"", in: tail)
        return TripIdentity(id: id, source: Source(fingerprint: fingerprint))
    }

    /// The plain string value that follows `prefix` (up to the closing quote), or nil.
    private static func value(after prefix: String, in raw: UnsafeRawBufferPointer) -> String? {
        var prefix = prefix
        return prefix.withUTF8 { needle -> String? in
            // Every prefix starts with a new line: jump from one to the next with memchr.
            guard let base = raw.baseAddress else { return nil }
            var offset = 0
            var found: Int?
            while offset + needle.count <= raw.count,
                let line = memchr(base + offset, Int32(needle[0]), raw.count - offset)
            {
                let at = base.distance(to: UnsafeRawPointer(line))
                if at + needle.count <= raw.count, memcmp(base + at, needle.baseAddress!, needle.count) == 0 {
                    found = at
                    break
                }
                offset = at + 1
            }
            guard let found else { return nil }
            let start = found + needle.count
            guard let end = raw[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            let bytes = raw[start..<end]
            guard !bytes.contains(UInt8(ascii: "\\")) else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    static func reason(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _)?: "field \(key.stringValue) is missing"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            "field \(context.codingPath.map(\.stringValue).joined(separator: ".")) is not a string"
        default: "it is not valid JSON"
        }
    }
}
