import Foundation
import IntegrationSupport
import TestSupport
import Testing

/// Publish survives what S3 and the network do: server errors, throttling, dropped connections
/// (before and after S3 did the request), an absurd `Retry-After`, and `kill -9` at any point.
/// Run again until it succeeds, it leaves exactly the bucket a clean run leaves, and at no moment
/// of any run could a reader get a page whose media were missing.
@Suite(.serialized) struct FaultTests {
    /// The site before: two public trips.
    static func firstVersion() async throws -> PublishSite {
        let site = try PublishSite()
        try await site.build()
        return site
    }

    /// The site after: a new trip (new media, a new page, new listings), a changed story, a
    /// withdrawn trip (its page and media deleted).
    static func secondVersion(_ site: PublishSite) async throws {
        try site.add(trip: "harbour-days", title: "Harbour Days", start: "2024-07-01", photos: ["cmyk.jpg", "display-p3-red.jpg"])
        try site.story("coast-walk", "The coast again, with the harbour in view.")
        try site.remove(trip: "city-break")
        try await site.build()
    }

    /// Publishes until a run succeeds (at most `runs`); the exit status of each run.
    static func publishUntilDone(_ site: PublishSite, _ moto: MotoStandin, runs: Int) async throws -> [Int32] {
        var statuses: [Int32] = []
        while statuses.count < runs {
            let result = try await site.publish(moto)
            statuses.append(result.status)
            if result.status == 0 { break }
            #expect([1, 2].contains(result.status), "a run ended by crashing (status \(result.status)):\n\(result.stderr)")
        }
        return statuses
    }

    @Test func publishConvergesThroughServerErrorsThrottlingDropsAndAHugeRetryAfter() async throws {
        let site = try await Self.firstVersion()
        let clean = try MotoStandin()
        let faulty = try MotoStandin()
        #expect(try await site.publish(clean).status == 0)
        try await faulty.injectFaults(rate: 0.25, seed: 7)
        let first = try await Self.publishUntilDone(site, faulty, runs: 25)
        try await Self.secondVersion(site)
        #expect(try await site.publish(clean).status == 0)
        let second = try await Self.publishUntilDone(site, faulty, runs: 25)
        #expect(first.last == 0 && second.last == 0, "did not converge: \(first) then \(second)")

        let injected = try await faulty.faultsInjected()
        for kind in ["500", "503", "SlowDown", "retryAfter", "drop", "dropAfter"] {
            #expect(injected[kind, default: 0] > 0, "no \(kind) was injected: \(injected)")
        }
        #expect((first + second).contains(1), "an absurd Retry-After fails its request (and the run), it does not stall or crash it")
        try await faulty.injectFaults(rate: 0)
        let differences = try await BucketSnapshot(faulty).differences(from: BucketSnapshot(clean))
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        try await faulty.resetLog()
        #expect(try await site.publish(faulty).status == 0)
        #expect(try await faulty.requests().count == 1, "converged: a further publish is the listing only")
        try await faulty.expectAllSigned()
    }

    @Test func publishesKilledAtManyPointsConvergeAndNeverShowAPageWithoutItsMedia() async throws {
        let first = try await Self.firstVersion()
        let second = try PublishSite()
        try await Self.secondVersion(second)
        let clean = try MotoStandin()
        #expect(try await first.publish(clean).status == 0)
        try await clean.resetLog()
        #expect(try await second.publish(clean).status == 0)
        let length = try await clean.requests().count
        let expected = try await BucketSnapshot(clean)
        let before = try ReaderTimeline.references(under: first.output)
        let after = try ReaderTimeline.references(under: second.output)

        // From the first version each time: a chain of runs each killed a little later, then
        // single kills at points spread over a run (the last: before the owed record is removed).
        let moto = try MotoStandin()
        let arguments = ["publish", "--output", second.output.path, "--bucket", moto.bucket, "--distribution", moto.distributionId]
        let scenarios = [[1, 2, 4, 7], [length / 3], [length / 2], [length - 7], [length - 4], [length - 2], [length - 1]]
        var kills = 0
        for points in scenarios {
            #expect(try await first.publish(moto).status == 0)
            let initial = Set(try await moto.objects().keys.filter { !$0.hasPrefix("_tabi/") })
            try await moto.resetLog()
            for point in points {
                let run = try await StalledKill.run(CommandRunner.tabiPress, arguments, moto: moto, in: second.folder.url, after: point)
                #expect(run.killed || run.status == 0, "a run that was not killed failed:\n\(run.output)")
                if run.killed { kills += 1 }
            }
            let final = try await second.publish(moto)
            #expect(final.status == 0, "killed at \(points): \(final.stdout)\n\(final.stderr)")

            let differences = try await BucketSnapshot(moto).differences(from: expected)
            #expect(differences.isEmpty, "killed at \(points):\n\(differences.joined(separator: "\n"))")
            #expect(try await moto.uploadsInProgress().isEmpty)
            let log = try await moto.requests()
            let broken = ReaderTimeline.brokenMoments(log, bucket: moto.bucket, initial: initial, before: before, after: after)
            #expect(broken.isEmpty, "killed at \(points):\n\(broken.prefix(10).joined(separator: "\n"))")
            #expect(log.contains { $0.method == "PUT" && $0.path.contains("/media/") }, "the log holds the runs' uploads")
        }
        #expect(kills == 10, "every run meant to be killed was: \(kills) of 10 (a run \(length) requests long)")
        for page in ["/trips/coast-walk/", "/trips/city-break/", "/"] {
            #expect(try await moto.invalidationsCover(page), "\(page) was never invalidated")
        }
        try await moto.resetLog()
        #expect(try await second.publish(moto).status == 0)
        #expect(try await moto.requests().count == 1, "converged: a further publish is the listing only")
        try await moto.expectAllSigned()
    }
}
