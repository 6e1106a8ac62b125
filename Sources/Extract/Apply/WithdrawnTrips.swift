import ContentStore
import Foundation
import TabiCore

/// `Content/trips/.withdrawn/<slug>/`: where a trip that went private or was deleted is put aside.
/// Its `trip.json` is deleted (the public facts of a trip that is no longer public are not kept);
/// its `story.md` and anything else a writer left stay here, with a record of the trip's id, so the
/// story and the slug come back if the trip is made public again.
///
/// Inside `trips/` so that a worker keeping only `Content/trips/` keeps it too; a dot-folder, so
/// ``ContentDirectory/slugs()`` and therefore `build` never see it.
struct WithdrawnTrips {
    static let folderName = ContentDirectory.withdrawnFolderName
    static let recordName = "withdrawn.json"

    /// What `withdrawn.json` holds.
    struct Record: Codable, Equatable {
        var id: String
        var slug: String
    }

    let content: ContentDirectory

    init(_ content: ContentDirectory) { self.content = content }

    /// `Content/trips/.withdrawn/`
    var folder: URL { content.tripsFolder.appendingPathComponent(Self.folderName, isDirectory: true) }

    /// Takes the trip off the site and keeps its story aside. Crash-safe in three steps: the
    /// record goes into the trip's folder first (synced), then `trip.json` is deleted (the trip is
    /// off the site), then the folder moves aside. A run killed after the first step finds the
    /// trip still published and withdraws it again; after the second, the folder holds the record
    /// and no `trip.json`, and ``completePending()`` finishes the move.
    func withdraw(id: String, slug: String) throws(FileError) {
        let fm = FileManager.default
        let source = content.folder(of: slug)
        try AtomicFile.write(
            Self.encode(Record(id: id, slug: slug)), to: source.appendingPathComponent(Self.recordName),
            durability: .synced)
        let tripFile = content.tripFile(of: slug)
        if fm.fileExists(atPath: tripFile.path) {
            do { try fm.removeItem(at: tripFile) } catch {
                throw FileError(path: tripFile.path, action: "delete", underlying: error)
            }
        }
        try moveAside(slug)
    }

    /// Finishes withdrawals a killed run left half done: trip folders holding a record and no
    /// `trip.json` are moved aside. Returns the slugs moved.
    func completePending(among slugs: some Sequence<String>) -> [String] {
        var moved: [String] = []
        for slug in slugs where Slug.isValid(slug) {
            let confined = content.confined
            guard confined.kind(of: "trips/\(slug)/\(Self.recordName)") != .missing,
                confined.kind(of: "trips/\(slug)/trip.json") == .missing
            else { continue }
            if (try? moveAside(slug)) != nil { moved.append(slug) }
        }
        return moved
    }

    /// `trips/<slug>/` → `trips/.withdrawn/<slug>/`, replacing an older withdrawal of the same slug.
    private func moveAside(_ slug: String) throws(FileError) {
        let fm = FileManager.default
        let source = content.folder(of: slug)
        let target = folder.appendingPathComponent(slug, isDirectory: true)
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            // An older withdrawal of the same trip: its story is older than the one moved now.
            if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
            try fm.moveItem(at: source, to: target)
        } catch {
            throw FileError(path: source.path, action: "move aside to \(target.path)", underlying: error)
        }
    }

    /// Brings back what was kept aside for `withdrawnSlug` into `trips/<slug>/` (files already
    /// there win), then forgets the withdrawal. The slugs differ when an unlisted trip comes back
    /// under a slug with its token.
    func restore(slug: String, from withdrawnSlug: String? = nil) throws(FileError) {
        let fm = FileManager.default
        let source = folder.appendingPathComponent(withdrawnSlug ?? slug, isDirectory: true)
        let target = content.folder(of: slug)
        guard fm.fileExists(atPath: source.path) else { return }
        do {
            try fm.createDirectory(at: target, withIntermediateDirectories: true)
            for name in try fm.contentsOfDirectory(atPath: source.path).sorted()
            where name != Self.recordName && !name.hasPrefix(AtomicFile.temporaryPrefix) {
                let destination = target.appendingPathComponent(name)
                if !fm.fileExists(atPath: destination.path) {
                    try fm.moveItem(at: source.appendingPathComponent(name), to: destination)
                }
            }
            try fm.removeItem(at: source)
        } catch {
            throw FileError(path: source.path, action: "restore to \(target.path)", underlying: error)
        }
    }

    private static func encode(_ record: Record) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(record)) ?? Data()) + Data("\n".utf8)
    }
}
