import ContentStore
import Extract
import Foundation
import TabiCore
import TestSupport
import Testing

/// The demo database (`demo/`, which `scripts/demo-db` loads for `make demo`): the app's schema,
/// and the sample trip's rows, from which extract writes the committed `trip.json` byte for byte,
/// beside rows that must never leave the database.
@Suite struct DemoDataTests {
    static let slug = "autumn-on-foot-basque-country-to-picos"
    /// What a folder without the sample gets: the slug of the trip's title.
    static let titleSlug = "autumn-on-foot-from-the-basque-hills-to-the-picos-de-europa"
    /// SHA-256 of the app's `app-schema.sql`, which `demo/app-schema.sql` copies below its header.
    static let appSchemaSHA256 = "3c4e87646058d63e8c28db85f63ce3cdc90cee918a5228e25e4331ba90d8f450"
    static let headerEnd = "-- ---- app-schema.sql, unchanged, below this line ----\n"
    /// What to do when extract's output changes on purpose (a new field, a new `RowDigest.version`).
    static let regenerate = """
        Content/trips/\(slug)/trip.json is no longer what extract writes from demo/sample-trip.sql: if that is \
        on purpose, rewrite it with `eval "$(scripts/demo-db start /tmp/d)"; tabi-press extract --content Content; \
        scripts/demo-db stop /tmp/d`
        """

    // MARK: - The schema

    @Test func theSchemaIsTheAppsFileUnchanged() throws {
        let text = try Data(contentsOf: RepositoryPaths.demo.appendingPathComponent("app-schema.sql"))
        let parts = String(decoding: text, as: UTF8.self).components(separatedBy: Self.headerEnd)
        try #require(parts.count == 2, "demo/app-schema.sql has lost the line ending its header")
        #expect(parts[0].split(separator: "\n").allSatisfy { $0.hasPrefix("--") }, "its header is comments only")
        let copy = Data(parts[1].utf8)
        #expect(
            ContentHash.sha256(copy) == Self.appSchemaSHA256,
            "demo/app-schema.sql was changed below its header: the app owns that part")
        // Beside a checkout of the app's files (not in a fresh clone), the copy must still be theirs.
        let app = RepositoryPaths.root.appendingPathComponent("../shared/app-schema.sql").standardizedFileURL
        if let original = FileManager.default.contents(atPath: app.path) {
            #expect(copy == original, "\(app.path) changed: copy it below demo/app-schema.sql's header and record its SHA-256 here")
        }
    }

    // MARK: - The sample trip

    @Test func theSampleExtractsToItsCommittedTripJSONWithNothingWritten() throws {
        let run = try Self.demoDatabase()
        // As `make demo` runs it: into a content folder that already holds the sample.
        try FileManager.default.createDirectory(at: run.contentDirectory.tripsFolder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.committedFolder, to: run.contentDirectory.folder(of: Self.slug))
        let committed = try Data(contentsOf: Self.committedFolder.appendingPathComponent("trip.json"))

        let report = try run.extract()

        #expect(report.problems.isEmpty, "\(report.problems.map(\.description))")
        #expect(report.written.isEmpty && report.unchanged.map(\.slug) == [Self.slug], "\(Self.regenerate)")
        #expect(
            try Data(contentsOf: run.contentDirectory.tripFile(of: Self.slug)) == committed,
            "\(Self.regenerate)")
        // Its stamp is the database's own fingerprint of the rows: the next night reads no trip.
        let again = try run.extract(changed: true)
        #expect(again.written.isEmpty && again.unchanged.map(\.slug) == [Self.slug] && again.posts == 0)
    }

    /// The slug is the one field not in the database: extract gives a trip one from its title and
    /// keeps it after title edits, and the sample's is not its current title's.
    @Test func aFreshFolderGetsEveryFieldButTheSlugFromTheDatabase() throws {
        let run = try Self.demoDatabase()

        let report = try run.extract()

        #expect(report.problems.isEmpty && report.written.map(\.slug) == [Self.titleSlug])
        let committed = String(
            decoding: try Data(contentsOf: Self.committedFolder.appendingPathComponent("trip.json")),
            as: UTF8.self)
        let expected = committed.replacingOccurrences(of: "\"slug\" : \"\(Self.slug)\"", with: "\"slug\" : \"\(Self.titleSlug)\"")
        #expect(expected != committed)
        #expect(
            String(decoding: try Data(contentsOf: run.contentDirectory.tripFile(of: Self.titleSlug)), as: UTF8.self)
                == expected, "\(Self.regenerate)")
    }

    @Test func privateRowsStayInTheDatabase() throws {
        let run = try Self.demoDatabase()
        let kept = try run.database.run(Self.privateValues).rows.map { (kind: $0.string(0)!, value: $0.string(1)!) }

        let report = try run.extract()

        // Every kind of private row is in the demo, so the check below checks something.
        #expect(Set(kept.map(\.kind)) == ["private trip", "its place", "private post", "its photo", "place notes", "photo position"])
        #expect(kept.contains { $0.value == "43.1858" })
        #expect(try run.slugs() == [Self.titleSlug])
        let written = run.everythingWritten() + report.problems.map(\.description).joined()
        let leaked = kept.filter { written.contains($0.value) }.map { "\($0.kind): \($0.value.prefix(60))" }
        #expect(leaked.isEmpty, "left the database")
    }

    // MARK: - Helpers

    static var committedFolder: URL { RepositoryPaths.content.appendingPathComponent("trips/\(slug)") }

    /// A test database holding the app's schema (every test database does) and the demo's rows.
    static func demoDatabase() throws -> ExtractHarness {
        let run = try ExtractHarness()
        let rows = try String(contentsOf: RepositoryPaths.demo.appendingPathComponent("sample-trip.sql"), encoding: .utf8)
        try run.database.connection.execute(rows, operation: "load demo/sample-trip.sql")
        return run
    }

    /// Every value of the demo's private rows, as text, with the kind of row it comes from: the
    /// private trip and everything in it, private posts and their photos, destinations' notes, and
    /// photos' GPS positions that are not also a public post's or destination's position.
    static let privateValues = """
        SELECT kind, value FROM (
          SELECT 'private trip' AS kind, unnest(ARRAY[t.id::text, t.title, t.description]) AS value
          FROM travels t WHERE t.visibility = 'private'
          UNION ALL
          SELECT 'its place', unnest(ARRAY[d.id::text, d.name])
          FROM destinations d JOIN travels t ON t.id = d.travel_id WHERE t.visibility = 'private'
          UNION ALL
          SELECT 'private post', unnest(ARRAY[p.id::text, p.title, p.content, p.latitude::text, p.longitude::text])
          FROM travel_posts p JOIN travels t ON t.id = p.travel_id WHERE p.visibility = 'private' OR t.visibility = 'private'
          UNION ALL
          SELECT 'its photo', unnest(ARRAY[ph.id::text, ph.storage_key, ph.caption, ph.sha256])
          FROM post_photos ph JOIN travel_posts p ON p.id = ph.post_id JOIN travels t ON t.id = ph.travel_id
          WHERE p.visibility = 'private' OR t.visibility = 'private'
          UNION ALL
          SELECT 'place notes', d.notes FROM destinations d
          UNION ALL
          SELECT 'photo position', unnest(ARRAY[ph.latitude::text, ph.longitude::text]) FROM post_photos ph
          WHERE NOT EXISTS (SELECT 1 FROM travel_posts p WHERE p.visibility = 'public'
                              AND (p.latitude, p.longitude) = (ph.latitude, ph.longitude))
            AND NOT EXISTS (SELECT 1 FROM destinations d WHERE (d.latitude, d.longitude) = (ph.latitude, ph.longitude))
        ) v WHERE value IS NOT NULL
        """
}
