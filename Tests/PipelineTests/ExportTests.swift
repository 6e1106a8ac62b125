import Foundation
import IntegrationSupport
import TestSupport
import Testing

/// `tabi-press export --trip UUID`: one trip as a blog of its own, from the database, through the
/// binary: nothing of any other trip in it, a private trip never out of the database.
@Suite struct ExportTests {
    struct Seeded {
        var kyoto: String, other: String, secret: String
    }

    static func seed(_ run: PipelineRun) throws -> Seeded {
        let db = run.database
        let owner = try db.profile()
        let kyoto = try db.trip("Kyoto Autumn", user: owner, description: "Temples and tea.")
        let gates = try db.post(kyoto, title: "Fushimi Inari", content: "Ten thousand gates.")
        try db.photo(gates, trip: kyoto, key: "originals/kyoto.jpg", caption: "Gates at dawn", sha256: nil)
        try run.addOriginal("small.jpg", at: "originals/kyoto.jpg")
        let other = try db.trip("OTHER-TRIP Lisbon", user: owner, description: "OTHER-TRIP description")
        let tram = try db.post(other, title: "OTHER-TRIP post", content: "OTHER-TRIP text")
        try db.photo(tram, trip: other, key: "originals/other.jpg", caption: "OTHER-TRIP caption", sha256: nil)
        try run.addOriginal("landscape-gps.jpg", at: "originals/other.jpg")
        let secret = try db.trip("PRIVATE-MARKER trip", visibility: "private", user: owner, description: "PRIVATE-MARKER")
        try db.post(secret, title: "PRIVATE-MARKER post", content: "PRIVATE-MARKER")
        return Seeded(kyoto: kyoto, other: other, secret: secret)
    }

    func export(_ run: PipelineRun, _ trip: String, _ target: [String]) async throws -> CommandRunner.Result {
        var env = run.moto.environment()
        env["DATABASE_URL"] = run.database.url
        return try await run.run(
            [
                "export", "--trip", trip, "--content", run.content.path, "--media", run.media.path,
                "--theme", RepositoryPaths.defaultTheme.path, "--narrator", "offline",
            ] + target, environment: env)
    }

    @Test(arguments: CommandRunner.binaries)
    func oneTripBecomesASiteOfItsOwn(binary: CommandRunner.Binary) async throws {
        let run = try PipelineRun(binary: binary)
        let trips = try Self.seed(run)
        let folder = run.folder("export")
        let result = try await export(run, trips.kyoto, ["--output", folder.path])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let home = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("Kyoto Autumn") && home.contains("Ten thousand gates."))
        // Opens from disk: every local link and image is relative and there.
        for match in home.matches(of: /(?:href|src)="([^"#:]+)"/) {
            let target = String(match.1).removingPercentEncoding ?? String(match.1)
            let path = target.hasSuffix("/") || target == "." || target == "./" ? target + "index.html" : target
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(target) is not in the export")
        }
        let everything = try PipelineRun.everything(under: folder)
        #expect(!everything.contains("OTHER-TRIP"), "another trip is in the export")
        #expect(!everything.contains("PRIVATE-MARKER"))
        // Only the one trip was read from the database.
        #expect(!(try PipelineRun.everything(under: run.content)).contains("OTHER-TRIP"))

        // The same again: the folder holds the earlier export, so it is updated in place.
        #expect(try await export(run, trips.kyoto, ["--output", folder.path]).status == 0)

        // A zip of it: the same trip gives the same bytes, and it holds the same files.
        let zips = [run.folder("kyoto-1.zip"), run.folder("kyoto-2.zip")]
        for zip in zips {
            let zipped = try await export(run, trips.kyoto, ["--zip", zip.path])
            #expect(zipped.status == 0, "\(zipped.stdout)\n\(zipped.stderr)")
        }
        #expect(try Data(contentsOf: zips[0]) == Data(contentsOf: zips[1]), "two zips of one trip differ")
        let listing = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-Z1", zips[0].path])
        #expect(listing.status == 0, "\(listing.stderr)")
        let exported = try FolderFiles.contents(under: folder).keys.filter { !$0.hasPrefix(".") }
        #expect(Set(listing.stdout.split(separator: "\n").map(String.init)) == Set(exported))

        // A private trip never leaves the database.
        let refused = try await export(run, trips.secret, ["--output", run.folder("secret").path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("not public or unlisted"), "\(refused.stderr)")
        #expect(!(try PipelineRun.everything(under: run.content)).contains("PRIVATE-MARKER"))
    }

    @Test func aTripIsPublishedToABucketOfItsOwn() async throws {
        let run = try PipelineRun(binary: .debug)
        let trips = try Self.seed(run)
        // No --prefix: moto's signature check refuses a signed listing whose prefix holds `/`.
        let result = try await export(run, trips.kyoto, ["--bucket", run.siteBucket, "--state", "s3://\(run.stateBucket)"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let objects = try await run.moto.objects(bucket: run.siteBucket)
        #expect(objects["index.html"] != nil, "\(objects.keys.sorted())")
        let home = String(decoding: try await run.moto.body(of: "index.html") ?? Data(), as: UTF8.self)
        #expect(home.contains("Kyoto Autumn"))
        #expect(!(try await run.bucketText(run.siteBucket)).contains("OTHER-TRIP"))
    }
}
