import Build
import ContentStore
import Foundation
import Images
import TabiCore
import TestSupport

/// A small site in a temp folder: three trips (two public, one unlisted) whose photos are the
/// image fixtures (GPS-tagged, rotated, CMYK, alpha), so a build takes a fraction of a second.
final class SiteFixture: @unchecked Sendable {
    let folder = TemporaryFolder("tabi-build")
    var content: URL { folder("Content") }
    var output: URL { folder("Output") }
    var media: URL { folder("Content/media") }

    init() throws {
        try add(trip: "coast-walk", title: "Coast Walk", start: "2024-05-01", photos: ["landscape-gps.jpg", "orientation-6.jpg", "cmyk.jpg"])
        try add(trip: "city-break", title: "City Break", start: "2024-03-10", photos: ["small.jpg", "alpha.png"])
        try add(trip: "secret-garden", title: "Secret Garden", start: "2024-06-01", visibility: .unlisted, photos: ["small.jpg"])
    }

    /// Writes a trip with one post per photo, its photos copied under the media root.
    func add(trip slug: String, title: String, start: String, visibility: TripVisibility = .public,
             photos: [String], story: String? = "") throws {
        let id = UUID(uuidString: ContentHash.sha256(slug).prefix(32).enumerated().map { i, c in
            [8, 12, 16, 20].contains(i) ? "-\(c)" : "\(c)" }.joined())!.uuidString.lowercased()
        var posts: [Post] = []
        for (index, name) in photos.enumerated() {
            let key = "travels/\(id)/\(index)-\(name)"
            let target = media.appendingPathComponent(key)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: RepositoryPaths.fixtures.appendingPathComponent("images/\(name)"), to: target)
            let sha = ContentHash.sha256(try Data(contentsOf: target))
            posts.append(Post(id: "\(slug)-post-\(index)", timestamp: Timestamp("\(start)T1\(index):00:00Z")!,
                              title: "Day \(index + 1)", content: "Walked **far**.",
                              photos: [Photo(id: "\(slug)-photo-\(index)", storageKey: key, sha256: sha,
                                             caption: "Photo \(index + 1) of \(title)")]))
        }
        let trip = Trip(id: id, slug: slug, title: title, startDate: CalendarDate(start), visibility: visibility,
                        author: "Tester", posts: posts)
        let directory = ContentDirectory(root: content)
        try directory.write(trip)
        let story = story == "" ? "---\ntitle: \"\(title)\"\ndraft: false\n---\nA *story*.\n" : story
        if let story { try story.write(to: directory.storyFile(of: slug), atomically: true, encoding: .utf8) }
    }

    func options(output: URL? = nil) -> BuildOptions {
        BuildOptions(content: content, output: output ?? self.output, theme: RepositoryPaths.defaultTheme,
                     media: MediaRoot(folder: media), config: .defaults, concurrency: 2)
    }

    func build(output: URL? = nil) async throws -> BuildReport {
        try await SiteBuilder(options: options(output: output)).build()
    }

    /// Every file under a folder: site-relative path → bytes.
    static func files(in root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = root.standardizedFileURL.path
        for case let relative as String in FileManager.default.enumerator(atPath: base)! {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue { files[relative] = try Data(contentsOf: URL(fileURLWithPath: base + "/" + relative)) }
        }
        return files
    }

    /// Modification times of every file under `Output/`.
    func mtimes() throws -> [String: Date] {
        var times: [String: Date] = [:]
        let base = output.standardizedFileURL.path
        for case let relative as String in FileManager.default.enumerator(atPath: base)! {
            let attributes = try FileManager.default.attributesOfItem(atPath: base + "/" + relative)
            if attributes[.type] as? FileAttributeType == .typeRegular { times[relative] = attributes[.modificationDate] as? Date }
        }
        return times
    }

    func text(_ relative: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(relative), encoding: .utf8)
    }
}
