import Crypto
import Foundation
import IntegrationSupport
import TabiCore
import TestSupport

/// A real site for publishing: two public trips with their own photos (the image fixtures),
/// built by `tabi-press build` into `Output/`.
final class PublishSite: @unchecked Sendable {
    let folder = TemporaryFolder("tabi-publish")
    var content: URL { folder("Content") }
    var output: URL { folder("Output") }
    var media: URL { folder("Content/media") }

    init() throws {
        try add(trip: "coast-walk", title: "Coast Walk", start: "2024-05-01", photos: ["landscape-gps.jpg", "orientation-6.jpg"])
        try add(trip: "city-break", title: "City Break", start: "2024-03-10", photos: ["small.jpg", "alpha.png"])
        try Data().write(to: folder("tabi.yml"))
    }

    /// Writes a trip with one post per photo (the image fixtures) and its story.
    func add(trip slug: String, title: String, start: String, visibility: TripVisibility = .public, photos: [String]) throws {
        try FixtureTrips(content: content, media: media).add(trip: slug, title: title, start: start, visibility: visibility, photos: photos)
        try story(slug, "A *story* of \(title).")
    }

    /// Replaces a trip's story.
    func story(_ slug: String, _ text: String) throws {
        let title = slug.replacingOccurrences(of: "-", with: " ").capitalized
        try FixtureTrips(content: content, media: media).story(slug, title: title, body: text)
    }

    func remove(trip slug: String) throws {
        try FileManager.default.removeItem(at: content.appendingPathComponent("trips/\(slug)"))
    }

    /// `tabi-press build` of the content into `Output/`.
    func build() async throws {
        let result = try await CommandRunner.tabiPress(
            [
                "build", "--content", content.path, "--output", output.path,
                "--theme", RepositoryPaths.defaultTheme.path, "--quiet",
            ], in: folder.url)
        guard result.status == 0 else { throw BuildFailed(description: "build exited \(result.status): \(result.stderr)") }
    }

    struct BuildFailed: Error, CustomStringConvertible { var description: String }

    /// Every file of the site in `Output/` (hidden ones and the build's `_tabi/` left out): site
    /// path → hex MD5. What publish uploads.
    func outputDigests() throws -> [String: String] {
        try Self.digests(under: output).filter { !$0.key.hasPrefix("_tabi/") }
    }

    /// Site path → hex MD5 of every file under `root`, hidden files and folders left out.
    static func digests(under root: URL) throws -> [String: String] {
        try FolderFiles.urls(under: root)
            .filter { path, _ in !path.split(separator: "/").contains { $0.hasPrefix(".") } }
            .mapValues { ContentHash.hex(Insecure.MD5.hash(data: try Data(contentsOf: $0))) }
    }

    /// Writes `size` bytes of a fixed pseudo-random pattern into `Output/<path>`.
    func addLargeFile(_ path: String, size: Int, seed: UInt64 = 1) throws {
        var state = seed
        var bytes = [UInt8](repeating: 0, count: size)
        for index in bytes.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes[index] = UInt8(truncatingIfNeeded: state >> 33)
        }
        let url = output.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Runs `tabi-press publish` against `moto` with `arguments` after the output and bucket.
    func publish(
        _ moto: MotoStandin, _ arguments: [String] = [], secret: String? = nil,
        distribution: Bool = true
    ) async throws -> CommandRunner.Result {
        var all = ["publish", "--output", output.path, "--bucket", moto.bucket]
        if distribution { all += ["--distribution", moto.distributionId] }
        return try await CommandRunner.tabiPress(all + arguments, environment: moto.environment(secret: secret), in: folder.url)
    }
}
