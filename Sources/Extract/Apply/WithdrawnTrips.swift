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
    static let folderName = ".withdrawn"
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

    /// Takes the trip off the site and keeps its story aside.
    func withdraw(id: String, slug: String) throws(FileError) {
        let fm = FileManager.default
        let source = content.folder(of: slug)
        let target = folder.appendingPathComponent(slug, isDirectory: true)
        // First the public facts, so the trip is off the site even if keeping the rest fails.
        let tripFile = content.tripFile(of: slug)
        if fm.fileExists(atPath: tripFile.path) {
            do { try fm.removeItem(at: tripFile) } catch {
                throw FileError(path: tripFile.path, action: "delete", underlying: error)
            }
        }
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            // An older withdrawal of the same trip: its story is older than the one moved now.
            if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
            try fm.moveItem(at: source, to: target)
        } catch {
            throw FileError(path: source.path, action: "move aside to \(target.path)", underlying: error)
        }
        try AtomicFile.write(Self.encode(Record(id: id, slug: slug)), to: target.appendingPathComponent(Self.recordName))
    }

    /// Brings back what was kept aside for `slug` into `trips/<slug>/` (files already there win),
    /// then forgets the withdrawal.
    func restore(slug: String) throws(FileError) {
        let fm = FileManager.default
        let source = folder.appendingPathComponent(slug, isDirectory: true)
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
