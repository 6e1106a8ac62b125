import ContentStore
import Draft
import Foundation
import TabiCore
import TestSupport

/// A content folder in a temp dir with trips written by the test, and shortcuts to run `draft`
/// on it and read what it wrote.
final class ContentFixture: @unchecked Sendable {
    let folder = TemporaryFolder("narrate")
    var root: URL { folder("Content") }
    var content: ContentDirectory { ContentDirectory(root: root) }

    init(_ trips: [Trip] = []) throws {
        for trip in trips { try add(trip) }
    }

    func add(_ trip: Trip) throws {
        try content.write(trip)
    }

    /// Runs the draft stage with `narrator` and `settings`.
    func draft(
        with narrator: any Narrator, settings: NarratorSettings = .defaults, trips: [String] = [],
        force: Bool = false, overwriteEdits: Bool = false, dryRun: Bool = false, concurrency: Int = 3,
        prompt: PromptTemplate = .builtIn
    ) async throws -> DraftReport {
        let options = DraftOptions(
            content: root, settings: settings, slugs: trips, concurrency: concurrency,
            force: force, overwriteEdits: overwriteEdits, dryRun: dryRun)
        return try await DraftRunner(options: options, narrator: narrator, prompt: prompt).run()
    }

    func story(_ slug: String) -> Data? { FileManager.default.contents(atPath: content.storyFile(of: slug).path) }
    func storyText(_ slug: String) -> String? { story(slug).map { String(decoding: $0, as: UTF8.self) } }
    func draftFile(_ slug: String) -> Data? { FileManager.default.contents(atPath: content.proposalFile(of: slug).path) }

    func record(_ slug: String) -> GenerationRecord? {
        FileManager.default.contents(atPath: content.generationRecordFile(of: slug).path).flatMap(GenerationRecord.decode)
    }

    func writeStory(_ slug: String, _ text: String) throws {
        try Data(text.utf8).write(to: content.storyFile(of: slug))
    }
}
