import ContentStore
import Draft
import Foundation
import TabiCore

/// Works out each trip's ``TripState`` from `Content/` and `Output/` (and what a draft dry run
/// and a publish plan found, which the caller runs): nothing is written, nothing is called.
public struct StatusReader: Sendable {
    public let content: URL
    public let output: URL

    public init(content: URL, output: URL) {
        self.content = content
        self.output = output
    }

    /// `drafts`: slug → what a draft dry run would do with the trip (nil: no dry run could be made).
    /// `published`: slug → whether the bucket has its page as built (nil: no bucket given).
    public func read(drafts: [String: TripOutcome.Result]?, published: [String: TripState.Published]?) throws(ContentError) -> StatusReport
    {
        let directory = ContentDirectory(root: content)
        let (slugs, invalid) = try directory.slugs()
        var trips: [TripState] = []
        for slug in slugs {
            var status = TripState(slug: slug)
            let folder = "trips/\(slug)/"
            do {
                let trip = try directory.trip(slug)
                status.id = trip.id
                status.title = trip.title
                status.visibility = trip.visibility.rawValue
            } catch {
                status.problems.append(error.description)
            }
            do {
                if let story = try directory.story(slug) {
                    status.awaitingReview = story.frontMatter.draft
                    let text = try directory.read(folder + "story.md", maxBytes: ContentDirectory.maximumStoryFileBytes)
                    let record = (try? directory.read(folder + GenerationRecord.fileName, maxBytes: 1 << 20)).flatMap(
                        GenerationRecord.decode)
                    status.story = record?.storySHA256 == ContentHash.sha256(text) ? .drafted : .edited
                }
            } catch {
                status.problems.append(error.description)
            }
            if directory.confined.kind(of: folder + ContentDirectory.proposalFileName) != .missing {
                status.draftWaiting = true
                let base = content.appendingPathComponent("trips/\(slug)").path + "/"
                status.diffCommand =
                    "diff -u \(Self.quoted(base + ContentDirectory.storyFileName)) \(Self.quoted(base + ContentDirectory.proposalFileName))"
            }
            if let drafts {
                switch drafts[slug] {
                case .planned(_, let reason, _)?: status.factsChanged = reason != .forced && reason != .overwritingEdit
                case .skipped?: status.factsChanged = false
                case .failed(let reason)?: status.problems.append("draft: \(reason)")
                default: break
                }
            }
            status.built = built(slug, in: directory)
            if let published { status.published = status.built == .no ? .no : published[slug] ?? .unknown }
            trips.append(status)
        }
        var notes = invalid.map(\.description)
        if drafts == nil { notes.append("whether facts changed since the last draft could not be told (no narrator)") }
        return StatusReport(trips: trips, notes: notes)
    }

    /// `Output/trips/<slug>/index.html`, against the newest of the trip's files.
    private func built(_ slug: String, in directory: ContentDirectory) -> TripState.Built {
        let page = output.appendingPathComponent("trips/\(slug)/index.html")
        guard let built = Self.modified(page) else { return .no }
        let sources = ["trip.json", "story.md"].compactMap { Self.modified(directory.folder(of: slug).appendingPathComponent($0)) }
        return sources.allSatisfy { $0 <= built } ? .current : .outdated
    }

    private static func modified(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }

    /// A path as one shell word.
    static func quoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || "0123456789/._-".unicodeScalars.contains($0))
        }
        if plain { return path }
        // In single quotes nothing is special but the quote itself, closed, escaped and reopened.
        var out = String.UnicodeScalarView()
        for scalar in path.unicodeScalars {
            if scalar == "'" { out.append(contentsOf: "'\\''".unicodeScalars) } else { out.append(scalar) }
        }
        return "'" + String(out) + "'"
    }
}
