import Foundation

/// A ZIP archive (PKWARE APPNOTE 6.3.x) built in memory and made to be deterministic: the same
/// files give the same bytes, whatever order they were added in, on any machine, at any hour.
///
/// Entries are written sorted by the UTF-8 bytes of their paths. Nothing comes from the clock or
/// the environment: every entry is dated 1980-01-01 00:00 (the earliest DOS date), made by
/// "Unix, ZIP 3.0" as a regular file with mode 0644, no owner, no extra fields, no comment. Sizes
/// and checksums go in the local headers (no data descriptors), and names are flagged UTF-8. A
/// file is deflated (zlib, level 9) when that makes it smaller and stored as it is otherwise.
///
/// Folders get no entries of their own: unpackers make them from the files' paths. There is no
/// ZIP64, so an archive holds at most 65,535 files and stays under 4 GiB; past that ``add(path:data:)``
/// throws instead of writing an archive some readers would misread.
///
/// As with ``Gzip``, the deflated bytes are zlib's: another zlib version could encode a file
/// differently (still a valid archive of the same files).
public struct ZipArchive: Sendable {
    /// The most entries an archive without ZIP64 counts.
    public static let maximumEntryCount = Int(UInt16.max)
    /// The largest size or offset a 32-bit field holds; 0xFFFFFFFF itself means "see ZIP64".
    static let zip32Limit = Int(UInt32.max) - 1

    /// A file ready to write: its name's bytes, its checksum and its body, deflated or stored.
    private struct Entry: Sendable {
        var name: [UInt8]
        var method: UInt16
        var checksum: UInt32
        var size: Int
        var body: Data
    }

    private var entries: [[UInt8]: Entry] = [:]
    /// The bytes written for the entries so far: local headers, bodies and central directory.
    private var length = 0
    private let limit: Int

    /// An empty archive.
    public init() { self.init(limit: Self.zip32Limit) }

    /// An archive whose sizes and offsets stop at `limit` instead of ZIP's, so tests can reach it.
    init(limit: Int) { self.limit = limit }

    /// Adds `data` as the file at `path` (relative, `/`-separated, see ``ZipPathProblem``). It is
    /// compressed here, so the archive holds only the bytes it will write.
    public mutating func add(path: String, data: Data) throws(ZipError) {
        let name = try ZipEntryPath.validated(path)
        guard entries[name] == nil else { throw .duplicatePath(path) }
        guard entries.count < Self.maximumEntryCount else { throw .tooManyEntries(path: path) }
        guard data.count <= limit else { throw .entryTooLarge(path: path, size: data.count, limit: limit) }

        let deflated: Data?
        do {
            deflated = try RawDeflate.compress(data, level: 9, limit: data.count - 1)
        } catch {
            throw .compressionFailed(path: path, stage: error.stage, code: error.code)
        }
        let entry = Entry(
            name: name, method: deflated == nil ? Method.stored : Method.deflated,
            checksum: CRC32.checksum(data), size: data.count, body: deflated ?? data)
        let grown = length + Layout.localHeader + name.count + entry.body.count + Layout.centralHeader + name.count
        // Every offset, and the central directory's own offset and size, are below this total.
        guard grown <= limit else { throw .archiveTooLarge(path: path, size: grown + Layout.endRecord, limit: limit) }
        entries[name] = entry
        length = grown
    }

    /// The archive's bytes.
    public func encoded() -> Data {
        let sorted = entries.values.sorted { $0.name.lexicographicallyPrecedes($1.name) }
        var archive = Data(capacity: length + Layout.endRecord)
        var offsets: [Int] = []
        // Headers are assembled as arrays and appended whole: far fewer appends to `Data`.
        for entry in sorted {
            offsets.append(archive.count)
            var header: [UInt8] = []
            header.reserveCapacity(Layout.localHeader + entry.name.count)
            header.appendLittleEndian(Signature.localHeader)
            appendSharedFields(of: entry, to: &header)
            header += entry.name
            archive.append(contentsOf: header)
            archive.append(entry.body)
        }
        let centralStart = archive.count
        for (entry, offset) in zip(sorted, offsets) {
            var header: [UInt8] = []
            header.reserveCapacity(Layout.centralHeader + entry.name.count)
            header.appendLittleEndian(Signature.centralHeader)
            header.appendLittleEndian(Layout.versionMadeBy)
            appendSharedFields(of: entry, to: &header)
            header.appendLittleEndian(UInt16(0))  // comment length
            header.appendLittleEndian(UInt16(0))  // disk number start
            header.appendLittleEndian(UInt16(0))  // internal attributes: none claimed
            header.appendLittleEndian(Layout.externalAttributes)
            header.appendLittleEndian(UInt32(offset))
            header += entry.name
            archive.append(contentsOf: header)
        }
        let centralSize = archive.count - centralStart
        var end: [UInt8] = []
        end.appendLittleEndian(Signature.endRecord)
        end.appendLittleEndian(UInt16(0))  // this disk
        end.appendLittleEndian(UInt16(0))  // the disk the central directory starts on
        end.appendLittleEndian(UInt16(sorted.count))  // entries on this disk
        end.appendLittleEndian(UInt16(sorted.count))  // entries in all
        end.appendLittleEndian(UInt32(centralSize))
        end.appendLittleEndian(UInt32(centralStart))
        end.appendLittleEndian(UInt16(0))  // comment length
        archive.append(contentsOf: end)
        return archive
    }

    // MARK: - Layout

    /// The fields a local header and a central directory header share, in the same order.
    private func appendSharedFields(of entry: Entry, to header: inout [UInt8]) {
        header.appendLittleEndian(Layout.versionNeeded)
        header.appendLittleEndian(Layout.flags)
        header.appendLittleEndian(entry.method)
        header.appendLittleEndian(Layout.dosTime)
        header.appendLittleEndian(Layout.dosDate)
        header.appendLittleEndian(entry.checksum)
        header.appendLittleEndian(UInt32(entry.body.count))
        header.appendLittleEndian(UInt32(entry.size))
        header.appendLittleEndian(UInt16(entry.name.count))
        header.appendLittleEndian(UInt16(0))  // extra field length: no extra fields
    }

    private enum Signature {
        static let localHeader: UInt32 = 0x0403_4B50
        static let centralHeader: UInt32 = 0x0201_4B50
        static let endRecord: UInt32 = 0x0605_4B50
    }

    private enum Method {
        static let stored: UInt16 = 0
        static let deflated: UInt16 = 8
    }

    private enum Layout {
        /// Fixed sizes in bytes, names not counted.
        static let localHeader = 30, centralHeader = 46, endRecord = 22
        /// Made on Unix (3), by ZIP 3.0 (30), so readers take the external attributes as a mode.
        static let versionMadeBy: UInt16 = 0x031E
        /// ZIP 2.0: what deflate needs; stored entries say the same, as Python's zipfile does.
        static let versionNeeded: UInt16 = 20
        /// Bit 11: names are UTF-8. Bit 3 stays clear: sizes and checksum are in the local header.
        static let flags: UInt16 = 0x0800
        /// 00:00:00 on 1980-01-01: DOS time fields all zero; date (year - 1980) << 9 | month << 5 | day.
        static let dosTime: UInt16 = 0
        static let dosDate: UInt16 = 1 << 5 | 1
        /// A regular file (S_IFREG) with mode 0644, in the high 16 bits as Unix zip writes it.
        static let externalAttributes: UInt32 = 0o100644 << 16
    }
}
