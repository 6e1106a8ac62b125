import Foundation
import Testing

/// The Nu HTML Checker (vnu.jar) on every page of the sample site and of the generated one.
@Suite struct NuValidatorTests {
    /// vnu.jar releases before 22.x reject current HTML (`fetchpriority`): an old one must not pass for a check.
    static let oldestVersion = 22

    @Test func everyPageOfTheSampleSiteIsValid() async throws {
        try await check(try await CheckedSites.shared.demoSite())
    }

    @Test func everyPageOfTheGeneratedSiteIsValid() async throws {
        let site = try await CheckedSites.shared.generatedSite()
        try await check(site)
        // Its trips, home pages, tag pages, tags index and 404 page, at least.
        #expect(Self.htmlPages(in: site.output) >= site.trips.count + 3)
    }

    /// The HTML files the site has: vnu.jar must read every one.
    static func htmlPages(in folder: URL) -> Int {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).count { $0.hasSuffix(".html") }
    }

    private func check(_ site: CheckedSites.Site) async throws {
        let pages = Self.htmlPages(in: site.output)
        let answer = try await ThemeCheckTool.run("vnu", [site.output.path], as: ThemeCheckTool.Validation.self)
        let major = Int(answer.version.prefix { $0 != "." }) ?? 0
        #expect(major >= Self.oldestVersion, "vnu.jar \(answer.version) is too old: run scripts/install-deps test")
        #expect(answer.pages == pages, "vnu.jar read \(answer.pages) pages")
        #expect(answer.errors.isEmpty, "\(answer.errors.count) errors: \(answer.errors.prefix(10))")
    }
}
