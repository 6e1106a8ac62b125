import Foundation
import TabiCore

/// The `Content/` folder: `trips/<slug>/trip.json` and `story.md` per trip. All stages read and
/// write content through this type, so its layout is written down in one place.
public struct ContentDirectory: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    // MARK: The names of the layout, for every stage that reads or writes it

    /// `trips/<slug>/trip.json`: the trip's public facts, written by extract.
    public static let tripFileName = "trip.json"
    /// `trips/<slug>/story.md`: the story, drafted by draft, then a writer's.
    public static let storyFileName = "story.md"
    /// `trips/<slug>/story.draft.md`: a newer draft kept beside a story a writer has edited.
    public static let proposalFileName = "story.draft.md"
    /// `trips/<slug>/story.source.json`: what draft last generated (Draft's `GenerationRecord`).
    public static let generationRecordFileName = "story.source.json"
    /// `trips/.withdrawn/<slug>/`: where extract puts aside a trip that is no longer public. A
    /// dot-folder, so ``slugs()`` and therefore build never see it.
    public static let withdrawnFolderName = ".withdrawn"

    /// `Content/trips/`
    public var tripsFolder: URL { root.appendingPathComponent("trips", isDirectory: true) }
    /// `Content/trips/.withdrawn/`
    public var withdrawnFolder: URL { tripsFolder.appendingPathComponent(Self.withdrawnFolderName, isDirectory: true) }

    /// The folder of one trip. The slug must be valid, so the path cannot leave `trips/`.
    public func folder(of slug: String) -> URL {
        precondition(Slug.isValid(slug), "invalid slug \(slug)")
        return tripsFolder.appendingPathComponent(slug, isDirectory: true)
    }

    public func tripFile(of slug: String) -> URL { folder(of: slug).appendingPathComponent(Self.tripFileName, isDirectory: false) }
    public func storyFile(of slug: String) -> URL { folder(of: slug).appendingPathComponent(Self.storyFileName, isDirectory: false) }
    public func proposalFile(of slug: String) -> URL { folder(of: slug).appendingPathComponent(Self.proposalFileName, isDirectory: false) }
    public func generationRecordFile(of slug: String) -> URL {
        folder(of: slug).appendingPathComponent(Self.generationRecordFileName, isDirectory: false)
    }

    /// The content folder, read without following links inside it (see ``ConfinedFolder``).
    public var confined: ConfinedFolder { ConfinedFolder(root) }

    /// The most bytes a `trip.json` may have: a trip of thousands of posts stays far below it.
    public static let maximumTripFileBytes = 64 << 20
    /// The most bytes a `story.md` may have before it is read at all (``Story`` bounds what is
    /// parsed of it more tightly).
    public static let maximumStoryFileBytes = 8 << 20

    /// What a link where a trip folder or file should be is told with.
    static let linkReason = ConfinedFileError(path: "", problem: .symbolicLink).reason

    /// The names of the trip folders under `trips/` that are real folders (not links), sorted,
    /// hidden ones left out; a link, FIFO or other non-folder with a slug-like name is reported.
    public func tripFolders() throws(ContentError) -> (names: [String], refused: [ContentError]) {
        guard confined.kind(of: "trips") != .missing else { return ([], []) }
        let entries: [ConfinedFolder.Entry]
        do { entries = try confined.list("trips", sizes: false) } catch {
            throw ContentError(file: tripsFolder.path, reason: error.reason)
        }
        var names: [String] = []
        var refused: [ContentError] = []
        for entry in entries where !entry.name.hasPrefix(".") {
            switch entry.kind {
            case .folder: names.append(entry.name)
            case .link:
                refused.append(
                    ContentError(
                        file: tripsFolder.appendingPathComponent(entry.name).path,
                        reason: Self.linkReason, slug: Slug.isValid(entry.name) ? entry.name : nil))
            default: continue
            }
        }
        return (names, refused)
    }

    /// Slugs of the trip folders that hold a `trip.json`, sorted. Folders whose name is not a
    /// valid slug, and links where a folder or `trip.json` should be, are reported, not read.
    public func slugs() throws(ContentError) -> (slugs: [String], invalid: [ContentError]) {
        let (trips, invalid) = try tripStamps()
        return (trips.map(\.slug), invalid)
    }

    /// The trip folders that hold a `trip.json`, sorted by slug, with the stamps (size,
    /// modification time) of `trip.json` and `story.md`: a quick check of what changed since a
    /// run that saw the same stamps, without reading a file. Reported as by ``slugs()``.
    public func tripStamps() throws(ContentError) -> (trips: [TripStamps], invalid: [ContentError]) {
        let (names, refused) = try tripFolders()
        if names.isEmpty { return ([], refused) }
        let stamps: [ConfinedFolder.Stamp?]
        do { stamps = try confined.stamps(of: ["trip.json", "story.md"], inEachOf: names, in: "trips") } catch {
            throw ContentError(file: tripsFolder.path, reason: error.reason)
        }
        var trips: [TripStamps] = []
        trips.reserveCapacity(names.count)
        var invalid = refused
        for (number, name) in names.enumerated() {
            var path: String { tripsFolder.path + "/" + name }
            guard let tripJSON = stamps[2 * number] else {
                // No regular trip.json: a folder of something else, unless a link stands there.
                if confined.kind(of: "trips/\(name)/trip.json") == .link {
                    invalid.append(
                        ContentError(
                            file: path + "/trip.json", reason: Self.linkReason,
                            slug: Slug.isValid(name) ? name : nil))
                }
                continue
            }
            if Slug.isValid(name) {
                trips.append(TripStamps(slug: name, tripJSON: tripJSON, story: stamps[2 * number + 1]))
            } else {
                invalid.append(ContentError(file: path, reason: "folder name is not a valid slug (\(Slug.pattern))"))
            }
        }
        return (trips, invalid)
    }

    /// Reads and checks `trips/<slug>/trip.json`; its `slug` must match the folder.
    public func trip(_ slug: String) throws(ContentError) -> Trip {
        let data = try read("trips/\(slug)/trip.json", maxBytes: Self.maximumTripFileBytes)
        return try trip(slug, from: data)
    }

    /// Checks the bytes of `trips/<slug>/trip.json`, read by the caller (through a
    /// ``ConfinedFolder``, say); its `slug` must match the folder.
    public func trip(_ slug: String, from data: Data) throws(ContentError) -> Trip {
        // Made only for an error: a URL costs more than reading a small trip's facts.
        var path: String { tripFile(of: slug).path }
        let trip: Trip
        do {
            trip = try TripJSON.decode(data)
        } catch {
            throw ContentError(file: path, reason: error.description)
        }
        guard trip.slug == slug else {
            throw ContentError(file: path, reason: "field slug is \"\(trip.slug)\" but the folder is \"\(slug)\"")
        }
        return trip
    }

    /// Reads `trips/<slug>/story.md`, or nil when the trip has none yet.
    public func story(_ slug: String) throws(ContentError) -> Story? {
        guard confined.kind(of: "trips/\(slug)/story.md") != .missing else { return nil }
        return try story(slug, from: read("trips/\(slug)/story.md", maxBytes: Self.maximumStoryFileBytes))
    }

    /// `trips/<slug>/story.draft.md`, the newer draft `draft` left beside a writer's story;
    /// nil when there is none.
    public func proposedStory(_ slug: String) throws(ContentError) -> Story? {
        let path = "trips/\(slug)/\(Self.proposalFileName)"
        guard confined.kind(of: path) != .missing else { return nil }
        return try story(slug, from: read(path, maxBytes: Self.maximumStoryFileBytes), file: Self.proposalFileName)
    }

    /// Parses the bytes of `trips/<slug>/story.md` (or another story file of it), read by the caller.
    public func story(_ slug: String, from data: Data, file: String = "story.md") throws(ContentError) -> Story {
        // Made only for an error, as in ``trip(_:from:)``.
        var path: String { folder(of: slug).appendingPathComponent(file, isDirectory: false).path }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ContentError(file: path, reason: "cannot be read as UTF-8 text")
        }
        do {
            return try Story(parsing: text)
        } catch {
            throw ContentError(file: path, reason: error.description)
        }
    }

    /// The bytes of a file under the content folder, never through a link.
    public func read(_ path: String, maxBytes: Int) throws(ContentError) -> Data {
        do { return try confined.read(path, maxBytes: maxBytes) } catch {
            throw ContentError(file: error.path, reason: error.reason)
        }
    }
}

/// A content file that cannot be used, naming the file and (in `reason`) the field.
public struct ContentError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var reason: String
    /// The trip the file belongs to, when its folder name is a slug.
    public var slug: String?

    public init(file: String, reason: String, slug: String? = nil) {
        self.file = file
        self.reason = reason
        self.slug = slug
    }

    public var description: String { "\(file): \(reason)" }
}

/// A trip folder's `trip.json` and `story.md` as a quick check sees them (see
/// ``ContentDirectory/tripStamps()``).
public struct TripStamps: Sendable, Hashable {
    public var slug: String
    public var tripJSON: ConfinedFolder.Stamp
    /// nil: no `story.md` (or not a regular file).
    public var story: ConfinedFolder.Stamp?

    /// Both stamps in one text: `trip.json`'s, then `story.md`'s or `-`.
    public var key: String { "\(tripJSON) \(story.map(\.description) ?? "-")" }
}
