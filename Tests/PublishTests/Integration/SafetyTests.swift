import AWS
import Foundation
import IntegrationSupport
import TestSupport
import Testing

/// What publish must not do: write in a dry run, or delete half the bucket on a wrong path.
@Suite(.serialized) struct SafetyTests {
    @Test func aDryRunPrintsThePlanAndWritesNothing() async throws {
        let moto = try MotoStandin()
        let site = try PublishSite()
        try await site.build()
        let result = try await site.publish(moto, ["--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try site.outputDigests()
        #expect(result.stdout.contains("Plan for s3://\(moto.bucket)/: \(files.count) uploads"), "\(result.stdout)")
        for path in files.keys { #expect(result.stdout.contains("new") && result.stdout.contains(path), "\(path) is not in the plan") }
        #expect(result.stdout.contains("nothing was written"))
        #expect(try await moto.objects().isEmpty)
        let requests = try await moto.requests()
        #expect(!requests.contains { $0.isWrite }, "\(requests.map { "\($0.method) \($0.path)" })")
        #expect(requests.count == 1, "a dry run of a new site is the listing only")

        // After a real publish and a change, the dry run names the reason and the invalidation.
        #expect(try await site.publish(moto).status == 0)
        try site.story("coast-walk", "Changed.")
        try await site.build()
        try await moto.resetLog()
        let planned = try await site.publish(moto, ["--dry-run"])
        #expect(planned.stdout.contains("content changed"))
        #expect(planned.stdout.contains("Would invalidate"))
        #expect(planned.stdout.contains("/trips/coast-walk/"))
        #expect(!(try await moto.requests()).contains { $0.isWrite })
        #expect(try await moto.invalidations().isEmpty)
        try await moto.expectAllSigned()
    }

    @Test func maxDeletesStopsAMassDeleteBeforeAnyWrite() async throws {
        let moto = try MotoStandin()
        let site = try PublishSite()
        try await site.build()
        #expect(try await site.publish(moto).status == 0)
        let s3 = S3Client(settings: try moto.settings(), bucket: moto.bucket)
        _ = try await s3.putObject(key: "_tabi/other-tool.json", body: .text("{}"), md5: nil)
        let stored = try await moto.objects()

        // An output folder that went missing its content: every key would go.
        try FileManager.default.removeItem(at: site.output)
        try FileManager.default.createDirectory(at: site.output, withIntermediateDirectories: true)
        try "<html></html>".write(to: site.output.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try await moto.resetLog()
        let refused = try await site.publish(moto, ["--max-deletes", "5"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--max-deletes 5"), "\(refused.stderr)")
        #expect(!(try await moto.requests()).contains { $0.isWrite })
        #expect(try await moto.objects().keys.sorted() == stored.keys.sorted())

        let allowed = try await site.publish(moto, ["--max-deletes", "1000"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(Set(try await moto.objects().keys.filter { !$0.hasPrefix("_tabi/") }) == ["index.html"])
        #expect(try await moto.objects().keys.contains("_tabi/other-tool.json"), "publish never deletes _tabi/ keys it did not write")
        try await moto.expectAllSigned()
    }
}

/// A key the service refuses: named with its error, and nothing that could link to it goes up.
@Suite(.serialized) struct FailureTests {
    @Test func aRefusedUploadNamesTheKeyAndStopsTheLaterStages() async throws {
        let moto = try MotoStandin(denyPut: "trips/city-break/")
        let site = try PublishSite()
        try await site.build()
        let result = try await site.publish(moto)
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("S3 PutObject trips/city-break/index.html failed: AccessDenied (403)"), "\(result.stderr)")
        #expect(result.stdout.contains("1 failed"), "\(result.stdout)")
        let stored = try await moto.objects()
        #expect(stored["trips/coast-walk/index.html"] != nil, "the other pages of the stage went up")
        #expect(stored["index.html"] == nil && stored["feed.xml"] == nil, "no listing links to the missing page")
        #expect(!stored.keys.contains { $0.hasPrefix("_tabi/") }, "no state is written after a failure")
        #expect(stored.keys.contains { $0.hasPrefix("media/") })
        try await moto.expectAllSigned()
    }
}
