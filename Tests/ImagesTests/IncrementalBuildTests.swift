import ContentStore
import Foundation
import Images
import TabiCore
import TestSupport
import Testing
import Vips

/// Content addressing: an unchanged photo is never encoded twice, a changed recipe makes new files,
/// and the manifest lets a rebuild skip even reading the original.
@Suite struct IncrementalBuildTests {
    @Test func aSecondRunEncodesNothingAndTouchesNothing() async throws {
        let workspace = ImageWorkspace()
        let photos = [try workspace.add("landscape-gps.jpg"), try workspace.add("small.jpg")]
        let first = await workspace.make(photos)
        #expect(first.failures.isEmpty && first.encoded == 12 && first.reused == 0)
        let before = try workspace.snapshot()
        let manifest = try Data(contentsOf: workspace.maker().manifestFile)

        let second = await workspace.make(photos)
        #expect(second.encoded == 0 && second.reused == 12)
        #expect(second.renditions == first.renditions)
        #expect(second.files == first.files)
        #expect(try workspace.snapshot() == before)
        #expect(try Data(contentsOf: workspace.maker().manifestFile) == manifest)
    }

    @Test func aChangedRecipeMakesNewNamesAndKeepsTheRest() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("landscape-gps.jpg")
        let first = try #require(await workspace.make([photo]).renditions[photo.id])
        var recipes = ImageRecipes.defaults
        recipes.thumbnail.quality = 60
        let batch = await workspace.make([photo], recipes: recipes)
        let second = try #require(batch.renditions[photo.id])
        #expect(second.thumbnail.path != first.thumbnail.path)
        #expect(second.medium == first.medium && second.responsive == first.responsive)
        #expect(batch.encoded == 1 && batch.reused == 7)
    }

    @Test func namesComeFromTheBytesSoAWrongRecordedHashCannotPoisonThem() async throws {
        let workspace = ImageWorkspace()
        var photo = try workspace.add("small.jpg")
        let actual = try ImageFixtures.sha256("small.jpg")
        photo.sha256 = String(repeating: "0", count: 64)
        let batch = await workspace.make([photo])
        let renditions = try #require(batch.renditions[photo.id])
        for rendition in renditions.all {
            #expect(rendition.path.hasPrefix("media/\(actual.prefix(2))/\(actual.prefix(16))-"))
        }
        // And a photo without a recorded hash gets the very same files.
        let unrecorded = Photo(id: "other", storageKey: photo.storageKey)
        let again = await workspace.make([unrecorded])
        #expect(again.renditions["other"]?.all.map(\.path) == renditions.all.map(\.path))
        #expect(again.encoded == 0)
    }

    @Test func aKnownHashWithAManifestNeedsNoOriginal() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("landscape-gps.jpg", recordHash: true)
        let first = await workspace.make([photo])
        #expect(first.encoded == 8)
        // The original is gone (say, it lives in a bucket we have not fetched): nothing is lost.
        try FileManager.default.removeItem(at: workspace.media)
        let second = await workspace.make([photo])
        #expect(second.failures.isEmpty)
        #expect(second.renditions == first.renditions && second.encoded == 0 && second.reused == 8)
    }

    @Test func withoutTheManifestExistingFilesAreReadNotReencoded() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("orientation-6.jpg", recordHash: true)
        let first = await workspace.make([photo])
        let maker = workspace.maker()
        try FileManager.default.removeItem(at: maker.manifestFile)
        let before = try workspace.snapshot()

        let second = await workspace.make([photo])
        #expect(second.encoded == 0 && second.reused == first.encoded)
        #expect(second.renditions == first.renditions)
        #expect(try workspace.snapshot().filter { !$0.key.hasSuffix("derivatives.json") } == before)
        #expect(FileManager.default.fileExists(atPath: maker.manifestFile.path))
    }

    @Test func aLinkOrFIFOWhereADerivativeShouldBeIsReplacedNotRead() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("small.jpg", recordHash: true)
        let first = try #require(await workspace.make([photo]).renditions[photo.id])
        try FileManager.default.removeItem(at: workspace.maker().manifestFile)
        // The medium becomes a link to another picture, the thumbnail a FIFO nobody writes to.
        let elsewhere = TemporaryFolder("tabi-elsewhere")
        try ImageFixtures.data("landscape-gps.jpg").write(to: elsewhere("other.jpg"))
        try FileManager.default.removeItem(at: workspace.file(first.medium))
        try FileManager.default.createSymbolicLink(at: workspace.file(first.medium), withDestinationURL: elsewhere("other.jpg"))
        try FileManager.default.removeItem(at: workspace.file(first.thumbnail))
        #expect(mkfifo(workspace.file(first.thumbnail).path, 0o600) == 0)

        let second = await workspace.make([photo])
        #expect(second.failures.isEmpty && second.encoded == 2 && second.reused == 2)
        #expect(second.renditions[photo.id] == first)
        for rendition in [first.medium, first.thumbnail] {
            let kind = ConfinedFolder(workspace.output).kind(of: rendition.path)
            guard case .file = kind else { Issue.record("\(rendition.path) is \(kind)"); continue }
        }
        #expect(try ImageFixtures.data("landscape-gps.jpg") == Data(contentsOf: elsewhere("other.jpg")))
    }

    @Test func aDeletedDerivativeIsMadeAgain() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("small.jpg", recordHash: true)
        let first = try #require(await workspace.make([photo]).renditions[photo.id])
        try FileManager.default.removeItem(at: workspace.file(first.medium))
        let batch = await workspace.make([photo])
        #expect(batch.encoded == 1 && batch.reused == 3)
        #expect(FileManager.default.fileExists(atPath: workspace.file(first.medium).path))
    }

    @Test func theManifestIsDeterministicAndHoldsOnlyWhatIsReferenced() async throws {
        let workspace = ImageWorkspace()
        let big = try workspace.add("landscape-gps.jpg")
        let small = try workspace.add("small.jpg")
        _ = await workspace.make([big, small])
        let batch = await workspace.make([small])
        let text = try String(contentsOf: workspace.maker().manifestFile, encoding: .utf8)
        let json = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let derivatives = try #require(json["derivatives"] as? [String: [String: Int]])
        #expect(Set(derivatives.keys) == batch.files)
        #expect((json["originals"] as? [String: Any])?.keys.map { $0 } == [try ImageFixtures.sha256("small.jpg")])
        #expect(text.hasSuffix("}\n") && !text.contains("\\/"))
        let keys = derivatives.keys.sorted()
        let positions = keys.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions == positions.sorted(), "keys are written in sorted order")
    }

    @Test func photosSharingAnOriginalAreDerivedOnce() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("small.jpg")
        let twin = Photo(id: "twin", storageKey: photo.storageKey)
        let jobs = [PhotoJob(tripSlug: "a", photo: photo), PhotoJob(tripSlug: "b", photo: twin)]
        let counter = ProgressCounter()
        let batch = await workspace.maker().make(jobs) { counter.add($0) }
        #expect(batch.encoded == 4)
        #expect(batch.renditions[photo.id]?.all.map(\.path) == batch.renditions["twin"]?.all.map(\.path))
        #expect(counter.total == 2)
    }
}

/// Sums progress calls from any thread.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var sum = 0
    func add(_ steps: Int) { lock.withLock { sum += steps } }
    var total: Int { lock.withLock { sum } }
}
