import Foundation
import TabiCore

/// The `Content/` folder: `trips/<slug>/trip.json` and `story.md` per trip. All stages read and
/// write content through this type, so its layout is written down in one place.
public struct ContentDirectory: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// `Content/trips/`
    public var tripsFolder: URL { root.appendingPathComponent("trips", isDirectory: true) }

    /// The folder of one trip. The slug must be valid, so the path cannot leave `trips/`.
    public func folder(of slug: String) -> URL {
        precondition(Slug.isValid(slug), "invalid slug \(slug)")
        return tripsFolder.appendingPathComponent(slug, isDirectory: true)
    }

    public func tripFile(of slug: String) -> URL { folder(of: slug).appendingPathComponent("trip.json", isDirectory: false) }
    public func storyFile(of slug: String) -> URL { folder(of: slug).appendingPathComponent("story.md", isDirectory: false) }

    /// Slugs of the trip folders that hold a `trip.json`, sorted. Folders whose name is not a
    /// valid slug are reported, not read.
    public func slugs() throws(ContentError) -> (slugs: [String], invalid: [ContentError]) {
        let fm = FileManager.default
        guard fm.fileExists(atPath: tripsFolder.path) else { return ([], []) }
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: tripsFolder.path)
        } catch {
            throw ContentError(file: tripsFolder.path, reason: "cannot be listed (\(error.localizedDescription))")
        }
        var slugs: [String] = []
        var invalid: [ContentError] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            var isFolder: ObjCBool = false
            let path = tripsFolder.appendingPathComponent(name).path
            guard fm.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { continue }
            guard fm.fileExists(atPath: path + "/trip.json") else { continue }
            if Slug.isValid(name) {
                slugs.append(name)
            } else {
                invalid.append(ContentError(file: path, reason: "folder name is not a valid slug (\(Slug.pattern))"))
            }
        }
        return (slugs, invalid)
    }

    /// Reads and checks `trips/<slug>/trip.json`; its `slug` must match the folder.
    public func trip(_ slug: String) throws(ContentError) -> Trip {
        let url = tripFile(of: slug)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ContentError(file: url.path, reason: "cannot be read")
        }
        return try trip(slug, from: data)
    }

    /// Checks the bytes of `trips/<slug>/trip.json`, read by the caller (through a
    /// ``ConfinedFolder``, say); its `slug` must match the folder.
    public func trip(_ slug: String, from data: Data) throws(ContentError) -> Trip {
        let url = tripFile(of: slug)
        let trip: Trip
        do {
            trip = try TripJSON.decode(data)
        } catch {
            throw ContentError(file: url.path, reason: error.description)
        }
        guard trip.slug == slug else {
            throw ContentError(file: url.path, reason: "field slug is \"\(trip.slug)\" but the folder is \"\(slug)\"")
        }
        return trip
    }

    /// Reads `trips/<slug>/story.md`, or nil when the trip has none yet.
    public func story(_ slug: String) throws(ContentError) -> Story? {
        let url = storyFile(of: slug)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else {
            throw ContentError(file: url.path, reason: "cannot be read as UTF-8 text")
        }
        do {
            return try Story(parsing: text)
        } catch {
            throw ContentError(file: url.path, reason: error.description)
        }
    }

    /// Writes `trip.json` atomically; unchanged bytes leave the file untouched.
    @discardableResult
    public func write(_ trip: Trip) throws(FileError) -> AtomicFile.Outcome {
        try AtomicFile.write(TripJSON.encode(trip), to: tripFile(of: trip.slug))
    }
}

/// A content file that cannot be used, naming the file and (in `reason`) the field.
public struct ContentError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}
