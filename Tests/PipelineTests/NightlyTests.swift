import Foundation
import IntegrationSupport
import TestSupport
import Testing

/// `tabi-press nightly` end to end, through the binary, on real servers: PostgreSQL, the Bedrock
/// stand-in, moto's S3 and CloudFront. A worker keeps nothing but `Content/trips/` between nights.
@Suite struct NightlyTests {
    /// Two public trips (one with two photos), an unlisted one, a private one.
    struct Trips {
        var kyoto: String, lisbon: String, hidden: String, secret: String
    }

    static func seed(_ run: PipelineRun) throws -> Trips {
        let db = run.database
        let owner = try db.profile(displayName: "Aiko")
        let kyoto = try db.trip("Kyoto Autumn", user: owner, description: "Temples and tea.")
        let gates = try db.post(kyoto, title: "Fushimi Inari", content: "Ten thousand gates.")
        try db.photo(gates, trip: kyoto, key: "originals/kyoto-1.jpg", caption: "Gates at dawn", sha256: nil)
        try db.photo(gates, trip: kyoto, key: "originals/kyoto-2.jpg", caption: "Moss", position: 1, sha256: nil)
        let lisbon = try db.trip(
            "Lisbon Light", user: owner, description: "Trams and tiles.", startDate: "2024-06-01", endDate: "2024-06-04")
        let tram = try db.post(lisbon, title: "Tram 28", content: "Up the hill.")
        try db.photo(tram, trip: lisbon, key: "originals/lisbon.jpg", caption: "Yellow tram", sha256: nil)
        let hidden = try db.trip("Quiet Weekend", visibility: "unlisted", user: owner, description: "Just us.")
        try db.post(hidden, title: "Cabin", content: "Rain on the roof.")
        let secret = try db.trip("Private Diary", visibility: "private", user: owner, description: "PRIVATE-MARKER")
        try db.post(secret, title: "PRIVATE-MARKER post", content: "PRIVATE-MARKER")
        try run.addOriginal("landscape-gps.jpg", at: "originals/kyoto-1.jpg")
        try run.addOriginal("small.jpg", at: "originals/kyoto-2.jpg")
        try run.addOriginal("orientation-6.jpg", at: "originals/lisbon.jpg")
        return Trips(kyoto: kyoto, lisbon: lisbon, hidden: hidden, secret: secret)
    }

    /// A worker that kept only `Content/trips/`: a new folder holding a copy of it and nothing else.
    static func statelessCopy(of content: URL, in run: PipelineRun, name: String) throws -> URL {
        let fresh = run.folder(name)
        try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: content.appendingPathComponent("trips"), to: fresh.appendingPathComponent("trips"))
        return fresh
    }

    static func slug(of trip: String, in report: [String: Any]) -> String? {
        (report["trips"] as? [[String: Any]])?.first { $0["id"] as? String == trip }?["slug"] as? String
    }

    static func count(_ action: String, _ report: [String: Any]) -> Int {
        (report["counts"] as? [String: Int])?[action] ?? -1
    }

    @Test(arguments: CommandRunner.binaries)
    func eachNightCostsWhatChanged(binary: CommandRunner.Binary) async throws {
        let run = try PipelineRun(binary: binary)
        let trips = try Self.seed(run)
        let distribution = ["--distribution", run.moto.distributionId]

        // MARK: First night: every public and unlisted trip, drafted, built and published.
        let first = try await run.nightly(distribution + ["--report", run.folder("night-1.json").path])
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        let night1 = try PipelineRun.report(run.folder("night-1.json"))
        #expect(Self.count("new", night1) == 3)
        #expect(night1["modelCalls"] as? Int == 3)
        let kyotoSlug = try #require(Self.slug(of: trips.kyoto, in: night1))
        let lisbonSlug = try #require(Self.slug(of: trips.lisbon, in: night1))
        let hiddenSlug = try #require(Self.slug(of: trips.hidden, in: night1))
        let objects = try await run.bucketDigest(run.siteBucket)
        for slug in [kyotoSlug, lisbonSlug, hiddenSlug] { #expect(objects["trips/\(slug)/index.html"] != nil, "\(slug) was not published") }
        for listing in ["index.html", "feed.xml", "sitemap.xml", "404.html", "robots.txt"] { #expect(objects[listing] != nil) }
        let home = String(decoding: try await run.moto.body(of: "index.html") ?? Data(), as: UTF8.self)
        #expect(home.contains(kyotoSlug) && home.contains(lisbonSlug))
        #expect(!home.contains(hiddenSlug), "an unlisted trip is in the listings")
        #expect(!(try await run.bucketText(run.siteBucket)).contains("PRIVATE-MARKER"))
        #expect(
            !objects.keys.contains { $0.hasPrefix("nightly/") || $0.hasPrefix("_tabi/") },
            "state in the site's bucket: \(objects.keys.sorted())")
        for listing in ["index.html", "feed.xml", "sitemap.xml", "robots.txt", "404.html"] {
            let text = String(decoding: try await run.moto.body(of: listing) ?? Data(), as: UTF8.self)
            #expect(!text.contains(hiddenSlug) && !text.contains(trips.hidden), "\(listing) names the unlisted trip")
        }
        #expect(!(try await run.moto.objects(bucket: run.stateBucket)).isEmpty, "nothing was kept in the state bucket")

        // MARK: Second night, nothing changed, on a worker that kept only Content/trips/.
        let quiet = try Self.statelessCopy(of: run.content, in: run, name: "Content-2")
        try await run.moto.resetLog()
        let callsBefore = try run.model.requests().count
        let second = try await run.nightly(distribution + ["--report", run.folder("night-2.json").path], content: quiet)
        #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
        let night2 = try PipelineRun.report(run.folder("night-2.json"))
        #expect(Self.count("unchanged", night2) == 3)
        #expect(night2["modelCalls"] as? Int == 0)
        #expect(try run.model.requests().count == callsBefore, "a model was called on a night with no change")
        #expect(night2["derivativesEncoded"] as? Int == 0)
        #expect(night2["pagesRendered"] as? Int == 0)
        let quietWrites = try await run.writes(in: run.siteBucket)
        #expect(quietWrites.isEmpty, "uploads on a night with no change: \(quietWrites)")
        #expect(try await run.bucketDigest(run.siteBucket) == objects)
        // Its state costs the index: no trip record is read or written.
        #expect(night2["recordBucketsRead"] as? Int == 0, "a night with no change read trip records")
        #expect((night2["finalize"] as? [String: Any])?["recordBucketsRead"] as? Int == 0)
        let stateWrites = try await run.writes(in: run.stateBucket)
        #expect(!stateWrites.contains { $0.hasPrefix("nightly/trips/") }, "trip records written on a night with no change: \(stateWrites)")

        // MARK: One trip changes in the app: that trip's narrative, its page, and the listings.
        try run.database.run(
            "UPDATE travels SET description = 'Temples, tea and maples.', updated_at = '2024-12-02T00:00:00Z' WHERE id = $1",
            [trips.kyoto])
        try await run.moto.resetLog()
        let third = try await run.nightly(distribution + ["--report", run.folder("night-3.json").path], content: quiet)
        #expect(third.status == 0, "\(third.stdout)\n\(third.stderr)")
        let night3 = try PipelineRun.report(run.folder("night-3.json"))
        #expect(Self.count("changed", night3) == 1 && Self.count("unchanged", night3) == 2)
        // Trip by trip, the report names what happened: the unchanged two are only counted.
        let lines = (night3["trips"] as? [[String: Any]] ?? []).map { "\($0["id"] ?? "")/\($0["action"] ?? "")" }
        #expect(lines == ["\(trips.kyoto)/changed"])
        #expect(night3["modelCalls"] as? Int == 1)
        #expect(night3["derivativesEncoded"] as? Int == 0, "an unchanged photo was encoded again")
        // Of the trip records, the plan and the finalize step read only the changed trip's bucket.
        #expect(night3["recordBucketsRead"] as? Int == 1)
        #expect((night3["finalize"] as? [String: Any])?["recordBucketsRead"] as? Int == 1)
        let written = Set(try await run.writes(in: run.siteBucket))
        #expect(written.contains("trips/\(kyotoSlug)/index.html"))
        #expect(written.isSubset(of: ["trips/\(kyotoSlug)/index.html", "index.html", "feed.xml", "sitemap.xml"]), "\(written)")
        let kyotoPage = String(decoding: try await run.moto.body(of: "trips/\(kyotoSlug)/index.html") ?? Data(), as: UTF8.self)
        #expect(kyotoPage.contains("Temples, tea and maples."))

        // MARK: A trip made private leaves the bucket and every listing, and is invalidated.
        let mediaBefore = try await run.moto.objects(prefix: "media/").keys
        try run.database.run("UPDATE travels SET visibility = 'private', updated_at = now() WHERE id = $1", [trips.lisbon])
        let fourth = try await run.nightly(distribution + ["--report", run.folder("night-4.json").path], content: quiet)
        #expect(fourth.status == 0, "\(fourth.stdout)\n\(fourth.stderr)")
        let night4 = try PipelineRun.report(run.folder("night-4.json"))
        #expect(Self.count("withdrawn", night4) == 1)
        let after = try await run.bucketDigest(run.siteBucket)
        #expect(after["trips/\(lisbonSlug)/index.html"] == nil)
        let homeAfter = String(decoding: try await run.moto.body(of: "index.html") ?? Data(), as: UTF8.self)
        let feedAfter = String(decoding: try await run.moto.body(of: "feed.xml") ?? Data(), as: UTF8.self)
        #expect(!homeAfter.contains(lisbonSlug) && !feedAfter.contains(lisbonSlug) && homeAfter.contains(kyotoSlug))
        let remainingMedia = Set(after.keys.filter { $0.hasPrefix("media/") })
        #expect(remainingMedia.count < mediaBefore.count, "the withdrawn trip's photos are still in the bucket")
        #expect(try await run.moto.invalidationsCover("/trips/\(lisbonSlug)/index.html"))
        let finalize = night4["finalize"] as? [String: Any]
        #expect((finalize?["deleted"] as? [String])?.isEmpty == false, "no media was deleted")
        try await run.moto.expectAllSigned()
    }

    @Test func shardsInParallelGiveTheBucketOfOneWorker() async throws {
        let run = try PipelineRun(binary: .debug, buckets: ["tabi-site", "tabi-state", "tabi-site-2", "tabi-state-2"])
        let db = run.database
        let owner = try db.profile()
        for index in 0..<9 {
            let trip = try db.trip(
                "Trip number \(index)", visibility: index == 4 ? "unlisted" : "public", user: owner,
                startDate: "2024-0\(index % 9 + 1)-01", endDate: nil)
            let post = try db.post(trip, title: "Day \(index)", content: "Post \(index).")
            if index % 3 == 0 {
                try db.photo(post, trip: trip, key: "originals/\(index).jpg", sha256: nil)
                try run.addOriginal(index % 2 == 0 ? "small.jpg" : "landscape-gps.jpg", at: "originals/\(index).jpg")
            }
        }
        let one = try await run.nightly(narrator: "offline")
        #expect(one.status == 0, "\(one.stdout)\n\(one.stderr)")

        // Three workers, each with exactly the environment a Kubernetes Indexed Job gives it.
        let shared = run.folder("Content-shards")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        var results = [CommandRunner.Result?](repeating: nil, count: 3)
        nonisolated(unsafe) let shardRun = run
        await withTaskGroup(of: (Int, CommandRunner.Result?).self) { group in
            for index in 0..<3 {
                group.addTask {
                    let run = shardRun
                    let result = try? await run.nightly(
                        ["--shards", "3", "--report", run.folder("shard-\(index).json").path],
                        content: shared, site: "tabi-site-2", state: "tabi-state-2", narrator: "offline",
                        environment: ["JOB_COMPLETION_INDEX": "\(index)", "TABI_RUN_ID": "night-1"])
                    return (index, result)
                }
            }
            for await (index, result) in group { results[index] = result }
        }
        for (index, result) in results.enumerated() {
            #expect(result?.status == 0, "shard \(index): \(result?.stdout ?? "")\n\(result?.stderr ?? "did not run")")
        }
        let reports = try (0..<3).map { try PipelineRun.report(run.folder("shard-\($0).json")) }
        let handled = reports.flatMap { ($0["trips"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
        #expect(handled.count == 9 && Set(handled).count == 9, "the shards did not cover each trip exactly once: \(handled)")
        #expect(
            reports.filter { $0["finalize"] != nil }.count == 1,
            "the listings were written by \(reports.filter { $0["finalize"] != nil }.count) shards")
        #expect(try await run.bucketDigest("tabi-site-2") == (try await run.bucketDigest("tabi-site")))
    }

    @Test func aRunKilledMidPublishIsFinishedByTheNext() async throws {
        let run = try PipelineRun(binary: .release, buckets: ["tabi-site", "tabi-state", "tabi-site-2", "tabi-state-2"])
        _ = try Self.seed(run)
        let clean = try await run.nightly(narrator: "offline")
        #expect(clean.status == 0, "\(clean.stderr)")

        let content = run.folder("Content-killed")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        var env = run.moto.environment()
        env["DATABASE_URL"] = run.database.url
        env["TABI_RUN_ID"] = "night-1"
        try await run.moto.stall(after: 20)
        let process = CommandRunner.process(
            run.binary,
            [
                "nightly", "--content", content.path, "--media", run.media.path,
                "--theme", RepositoryPaths.defaultTheme.path, "--narrator", "offline",
                "--bucket", "tabi-site-2", "--state", "s3://tabi-state-2",
            ],
            environment: env, in: run.folder.url)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        while try await run.moto.stallStatus().blocked == 0 && process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try await run.moto.release()
        #expect(
            try await run.bucketDigest("tabi-site-2") != (try await run.bucketDigest("tabi-site")),
            "the kill came too late to test anything")

        // The engine retries the killed worker: the same run, so the same lease.
        let rerun = try await run.nightly(
            content: content, site: "tabi-site-2", state: "tabi-state-2", narrator: "offline",
            environment: ["TABI_RUN_ID": "night-1"])
        #expect(rerun.status == 0, "\(rerun.stdout)\n\(rerun.stderr)")
        #expect(try await run.bucketDigest("tabi-site-2") == (try await run.bucketDigest("tabi-site")))
    }

    @Test func aSecondRunIsRefusedWhileTheFirstHoldsTheLock() async throws {
        let run = try PipelineRun(binary: .debug)
        _ = try Self.seed(run)
        // Another run's lease, ending in an hour.
        let lease = #"{"run":"night-of-someone-else","holder":"worker-7:42","expires":\#(Date().timeIntervalSince1970 + 3600)}"#
        try await run.moto.put(Data(lease.utf8), key: "nightly/lease.json", bucket: run.stateBucket)
        try await run.moto.resetLog()
        let refused = try await run.nightly(narrator: "offline")
        #expect(refused.status == 2, "\(refused.stdout)\n\(refused.stderr)")
        #expect(refused.stderr.contains("night-of-someone-else"), "\(refused.stderr)")
        #expect(try await run.writes(in: run.siteBucket).isEmpty)

        // Past its end, the lease of a run that died is taken over, with a warning.
        let stale = #"{"run":"night-of-someone-else","holder":"worker-7:42","expires":\#(Date().timeIntervalSince1970 - 60)}"#
        try await run.moto.put(Data(stale.utf8), key: "nightly/lease.json", bucket: run.stateBucket)
        let taken = try await run.nightly(narrator: "offline")
        #expect(taken.status == 0, "\(taken.stdout)\n\(taken.stderr)")
        #expect(taken.stderr.contains("taking over the lease of run night-of-someone-else"), "\(taken.stderr)")
    }

    /// The quick check: a trip's files are read only when their size or modification time is not
    /// what the last run saw; files touched but not changed are read once, then trusted again.
    @Test func onlyTripsWhoseFilesStampsChangedAreRead() async throws {
        let run = try PipelineRun(binary: .debug)
        let trips = try Self.seed(run)
        func night(_ name: String, _ extra: [String] = [], narrator: String = "offline") async throws -> [String: Any] {
            let result = try await run.nightly(extra + ["--report", run.folder(name).path], narrator: narrator)
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            return try PipelineRun.report(run.folder(name))
        }
        let first = try await night("night-1.json")
        #expect(first["tripFilesRead"] as? Int == 3)
        let second = try await night("night-2.json")
        #expect(second["tripFilesRead"] as? Int == 0, "files read though their stamps were the recorded ones")
        #expect(Self.count("unchanged", second) == 3)

        // Touched, not changed: read (and found the same), then trusted by its new stamps.
        let slug = try #require(Self.slug(of: trips.lisbon, in: first))
        let touched = Date(timeIntervalSince1970: 1_700_000_000)
        let storyFile = run.content.appendingPathComponent("trips/\(slug)/story.md")
        try FileManager.default.setAttributes([.modificationDate: touched], ofItemAtPath: storyFile.path)
        let third = try await night("night-3.json")
        #expect(third["tripFilesRead"] as? Int == 1)
        #expect(Self.count("unchanged", third) == 3)
        let fourth = try await night("night-4.json")
        #expect(fourth["tripFilesRead"] as? Int == 0, "the touched trip's new stamps were not kept")

        // Changed behind the stamps' back (same size, time put back): only --rehash sees it (no
        // extract, no draft: they would read the file anyway).
        let story = String(decoding: try Data(contentsOf: storyFile), as: UTF8.self)
        #expect(story.contains("Trams and tiles."))
        try Data(story.replacingOccurrences(of: "Trams and tiles.", with: "Trams and TILES.").utf8).write(to: storyFile)
        try FileManager.default.setAttributes([.modificationDate: touched], ofItemAtPath: storyFile.path)
        await #expect(Self.count("unchanged", try night("night-5.json", ["--skip-extract"], narrator: "none")) == 3)
        let rehashed = try await night("night-6.json", ["--skip-extract", "--rehash"], narrator: "none")
        #expect(rehashed["tripFilesRead"] as? Int == 3)
        #expect(Self.count("changed", rehashed) == 1)
        let page = String(decoding: try await run.moto.body(of: "trips/\(slug)/index.html") ?? Data(), as: UTF8.self)
        #expect(page.contains("Trams and TILES."))
    }

    @Test func aDryRunSaysWhatEachTripWouldGetAndTouchesNothing() async throws {
        let run = try PipelineRun(binary: .debug)
        let trips = try Self.seed(run)
        #expect(try await run.nightly(narrator: "offline").status == 0)
        try run.database.run("UPDATE travels SET description = 'Changed.', updated_at = now() WHERE id = $1", [trips.kyoto])
        try run.database.run("UPDATE travels SET visibility = 'private', updated_at = now() WHERE id = $1", [trips.lisbon])
        let newTrip = try run.database.trip("Porto Rain")
        let contentBefore = try PipelineRun.everything(under: run.content)
        try await run.moto.resetLog()
        let dry = try await run.nightly(["--dry-run"], narrator: "offline")
        #expect(dry.status == 0, "\(dry.stdout)\n\(dry.stderr)")
        #expect(
            dry.stdout.contains("\(trips.kyoto) ") && dry.stdout.contains("changed (its public data changed in the database)"),
            "\(dry.stdout)")
        #expect(dry.stdout.contains("withdrawn (private or deleted in the database)"), "\(dry.stdout)")
        #expect(dry.stdout.contains("\(newTrip) ") && dry.stdout.contains("new (new in the database)"), "\(dry.stdout)")
        #expect(dry.stdout.contains("\(trips.hidden) ") && dry.stdout.contains("unchanged"), "\(dry.stdout)")
        #expect(try PipelineRun.everything(under: run.content) == contentBefore, "a dry run changed Content/")
        let writes = try await run.moto.requests().filter(\.isWrite)
        #expect(writes.isEmpty, "a dry run wrote: \(writes.map(\.path))")
    }

    @Test func aBrokenPhotoFailsItsTripOnlyAndIsRetriedTheNextNight() async throws {
        let run = try PipelineRun(binary: .debug)
        let trips = try Self.seed(run)
        // The Lisbon photo is not an image.
        let broken = run.media.appendingPathComponent("originals/lisbon.jpg")
        try FileManager.default.removeItem(at: broken)
        try Data("not a photo".utf8).write(to: broken)
        let first = try await run.nightly(["--report", run.folder("night-1.json").path], narrator: "offline")
        #expect(first.status == 1, "\(first.stdout)\n\(first.stderr)")
        let night1 = try PipelineRun.report(run.folder("night-1.json"))
        let lines = night1["trips"] as? [[String: Any]] ?? []
        let lisbon = lines.first { $0["id"] as? String == trips.lisbon }
        #expect((lisbon?["failures"] as? [String])?.contains { $0.contains("lisbon.jpg") } == true, "\(String(describing: lisbon))")
        #expect(lines.filter { ($0["failures"] as? [String])?.isEmpty == false }.count == 1, "another trip failed too")
        let kyotoSlug = try #require(Self.slug(of: trips.kyoto, in: night1))
        #expect(try await run.moto.objects()["trips/\(kyotoSlug)/index.html"] != nil)

        // Fixed: the next night builds that trip again (and only it), and all is well.
        try FileManager.default.removeItem(at: broken)
        try run.addOriginal("orientation-6.jpg", at: "originals/lisbon.jpg")
        let second = try await run.nightly(["--report", run.folder("night-2.json").path], narrator: "offline")
        #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
        let night2 = try PipelineRun.report(run.folder("night-2.json"))
        #expect(Self.count("changed", night2) == 1 && Self.count("unchanged", night2) == 2)
        #expect((night2["derivativesEncoded"] as? Int ?? 0) > 0)
    }
}
