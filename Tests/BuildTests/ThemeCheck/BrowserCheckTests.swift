import Foundation
import Testing

/// axe-core (4.x and 3.1) in headless Chromium, light and dark, on the home page, every trip page
/// and the 404 page; no horizontal scroll at 320, 390 and 1280 px; nothing in the console (a CSP
/// refusal would be there).
@Suite struct BrowserCheckTests {
    @Test func theSampleSitePassesInABrowser() async throws {
        try await check(try await CheckedSites.shared.demoSite())
    }

    @Test func theGeneratedSitePassesInABrowser() async throws {
        try await check(try await CheckedSites.shared.generatedSite())
    }

    private func check(_ site: CheckedSites.Site) async throws {
        let paths = [site.home] + site.trips + [site.notFound]
        let answer = try await ThemeCheckTool.run("browser", [site.output.path] + paths, as: ThemeCheckTool.Browser.self)
        #expect(answer.axe.count == 2, "both axe-core engines ran: \(answer.axe)")
        #expect(answer.pages.map(\.page) == paths)
        for page in answer.pages {
            let serious = page.violations.filter(\.isSeriousOrCritical)
            #expect(serious.isEmpty, "\(page.page.isEmpty ? "home" : page.page): \(serious)")
            #expect(page.overflow.isEmpty, "\(page.page): \(page.overflow)")
            #expect(page.console.isEmpty, "\(page.page): \(page.console)")
        }
    }
}
