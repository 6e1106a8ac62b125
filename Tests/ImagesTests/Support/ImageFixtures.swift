import Foundation
import Images
import TabiCore
import TestSupport
import Vips

/// Fixture files, media folders made of them, and readers for what derivatives contain.
enum ImageFixtures {
    static let folder = RepositoryPaths.fixtures.appendingPathComponent("images")

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    static func sha256(_ name: String) throws -> String { ContentHash.sha256(try data(name)) }
}

/// A throwaway media root and output folder for one test.
final class ImageWorkspace: Sendable {
    let temporary = TemporaryFolder("tabi-images")
    var media: URL { temporary("media") }
    var output: URL { temporary("Output") }
    var mediaRoot: MediaRoot { MediaRoot(folder: media) }

    /// Copies a fixture to `key` under the media root and returns the photo pointing at it.
    @discardableResult
    func add(_ fixture: String, as key: String? = nil, id: String? = nil, recordHash: Bool = false) throws -> Photo {
        let key = key ?? "travels/trip/\(fixture)"
        try put(try ImageFixtures.data(fixture), at: key)
        return Photo(
            id: id ?? fixture, storageKey: key,
            sha256: recordHash ? try ImageFixtures.sha256(fixture) : nil)
    }

    /// Writes raw bytes to `key` under the media root.
    func put(_ data: Data, at key: String) throws {
        let file = media.appendingPathComponent(key)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    func maker(_ recipes: ImageRecipes = .defaults, limits: ImageLimits = .defaults, concurrency: Int = 2) -> DerivativeMaker {
        DerivativeMaker(recipes: recipes, limits: limits, media: mediaRoot, output: output, concurrency: concurrency)
    }

    func make(
        _ photos: [Photo], recipes: ImageRecipes = .defaults, limits: ImageLimits = .defaults,
        trip: String = "sample-trip"
    ) async -> DerivativeBatch {
        await maker(recipes, limits: limits).make(photos.map { PhotoJob(tripSlug: trip, photo: $0) }, progress: nil)
    }

    /// The absolute file of a site-relative derivative path.
    func file(_ rendition: ImageRendition) -> URL { output.appendingPathComponent(rendition.path) }

    /// Decodes a derivative's header with libvips.
    func header(_ rendition: ImageRendition) throws -> VipsImage {
        try VipsInput(file: file(rendition).path).header()
    }

    /// Every file under the output folder with its modification date.
    func snapshot() throws -> [String: Date] {
        try FolderFiles.modificationDates(under: output)
    }
}

extension PhotoRenditions {
    /// Every rendition: thumbnail, medium, then the responsive set.
    var all: [ImageRendition] { [thumbnail, medium] + responsive }
}
