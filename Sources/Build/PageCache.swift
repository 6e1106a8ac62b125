import ContentStore
import Crypto
import Foundation
import Images
import Render
import Synchronization
import TabiCore

/// What the last build rendered for each trip (`Output/_tabi/pages.jsonl`), so the next one renders
/// only the trips whose files changed: a trip whose `trip.json` and `story.md` (and, in a preview,
/// `story.draft.md`) have the same size and modification time as then, built with the same
/// settings, theme and version of tabi-press, and whose files are all still in `Output/`, is
/// neither read, rendered nor written. Its listing entry and photos come from here.
///
/// A trip is kept here only when it is public and built cleanly: one with a photo or text left out
/// is built again (and reported again) every time, until it is fixed, and an unlisted trip, whose
/// address is a secret, is built every time (few are, and this file must not name them).
struct PageCache: Sendable, Equatable {
    static let relativePath = OutputLayout.pageRecords
    /// Changes whenever the file's shape or what a key covers changes.
    static let version = 2

    var version = PageCache.version
    /// ``siteKey(config:recipes:theme:preview:)`` of the build that wrote it.
    var siteKey: String
    /// Slug → what was built for it.
    var trips: [String: CachedTrip] = [:]
    /// The listing files (home and listing pages, tag pages, feed, sitemap, robots.txt, 404.html)
    /// the build wrote from those trips' entries: the same when no entry changed.
    var listingFiles: [String] = []
    /// Listing page path → ``pageKey(_:)`` of what it showed: a page whose key is the same and
    /// whose trips' entries did not change is left as it is.
    var pageKeys: [String: String] = [:]
    /// Each trip's line as it was read, written again as it is while the trip is the same:
    /// encoding 10,000 lines again took an eighth of a one-trip rebuild.
    var readLines = ReadLines()

    /// Bytes of what `trips` holds, not part of the cache's value.
    struct ReadLines: Sendable, Equatable {
        var lines: [String: (trip: CachedTrip, bytes: Data)] = [:]
        static func == (_: ReadLines, _: ReadLines) -> Bool { true }
    }

    init(siteKey: String) {
        self.siteKey = siteKey
    }

    /// The cache of `output` when it was written with `siteKey`; empty otherwise (missing,
    /// unreadable, another version, other settings: everything is built again).
    static func load(from output: URL, siteKey: String) -> PageCache {
        let empty = PageCache(siteKey: siteKey)
        let folder = ConfinedFolder(output)
        guard case .file = folder.kind(of: relativePath), let data = try? folder.read(relativePath),
            let cache = decoded(data), cache.siteKey == siteKey
        else { return empty }
        return cache
    }

    func write(to output: URL) throws(FileError) {
        _ = try AtomicFile.write(encoded(), to: output.appendingPathComponent(Self.relativePath))
    }

    /// The first line of the file; a line per trip follows.
    private struct Header: Codable {
        var version: Int
        var siteKey: String
        var listingFiles: [String]
        var pageKeys: [String: String]?
    }

    /// A trip's line.
    private struct Line: Codable {
        var slug: String
        var trip: CachedTrip
    }

    /// The cache as JSON Lines, keys sorted, a trip a line in slug order: written and read one
    /// trip at a time, never held as one tree of every trip's values besides the bytes (which
    /// took 100 MB at 10,000 trips).
    func encoded() -> Data {
        let encoder = Self.sortedEncoder()
        var data = Self.sortedJSON(
            Header(
                version: version, siteKey: siteKey, listingFiles: listingFiles,
                pageKeys: pageKeys.isEmpty ? nil : pageKeys), encoder)
        for slug in trips.keys.sorted() {
            guard let trip = trips[slug] else { continue }
            data.append(0x0A)
            if let read = readLines.lines[slug], read.trip == trip {
                data.append(read.bytes)
            } else {
                data.append(Self.sortedJSON(Line(slug: slug, trip: trip), encoder))
            }
        }
        data.append(0x0A)
        return data
    }

    /// The cache ``encoded()`` gave; nil for anything else (another version, a damaged line).
    /// The lines are decoded in `parts` runs side by side: a rebuild waits for this alone, and
    /// one core took 20 % of a one-trip rebuild at 10,000 trips.
    static func decoded(_ data: Data, parts: Int = ProcessInfo.processInfo.activeProcessorCount) -> PageCache? {
        let lines = lineRanges(data)
        guard let first = lines.first, let header = try? JSONDecoder().decode(Header.self, from: data[first]),
            header.version == version
        else { return nil }
        let body = Array(lines.dropFirst())
        let runs = max(1, min(parts, body.count / 256))
        let decoded = Mutex([[Line]?](repeating: nil, count: runs))
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            let decoder = JSONDecoder()
            var read: [Line] = []
            for range in body[body.count * run / runs..<body.count * (run + 1) / runs] {
                if let (slug, trip) = fastLine(data[range]) {
                    read.append(Line(slug: slug, trip: trip))
                    continue
                }
                guard let line = try? decoder.decode(Line.self, from: data[range]) else { return }
                read.append(line)
            }
            decoded.withLock { $0[run] = read }
        }
        let runsRead = decoded.withLock { $0 }
        var cache = PageCache(siteKey: header.siteKey)
        cache.listingFiles = header.listingFiles
        cache.pageKeys = header.pageKeys ?? [:]
        cache.trips.reserveCapacity(body.count)
        cache.readLines.lines.reserveCapacity(body.count)
        var index = 0
        for run in runsRead {
            guard let run else { return nil }
            for line in run {
                cache.trips[line.slug] = line.trip
                cache.readLines.lines[line.slug] = (line.trip, data[body[index]])
                index += 1
            }
        }
        return cache
    }

    /// The ranges of `data`'s non-empty lines, found in its raw bytes (splitting `Data` itself
    /// byte by byte took an eighth of a no-change build at 10,000 trips).
    private static func lineRanges(_ data: Data) -> [Range<Data.Index>] {
        let base = data.startIndex
        return data.withUnsafeBytes { bytes in
            var ranges: [Range<Data.Index>] = []
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                if end > start { ranges.append(base + start..<base + end) }
                start = end + 1
            }
            return ranges
        }
    }

    /// Leaves the story HTML out of every listed trip's entry but the `keep` newest: only the
    /// feed shows it, and it was most of the record (27 MB at 10,000 trips). A trip that moves
    /// into the feed without it is read again (``feedTripsWithoutStory(_:reused:)``).
    mutating func dropStories(keepingNewest keep: Int) {
        let newest = trips.compactMap { $0.value.listing?.placement }.sortedNewestFirst().prefix(keep)
        let kept = Set(newest.map(\.slug))
        for (slug, trip) in trips where !kept.contains(slug) && trip.listing?.storyHTML != nil {
            trips[slug]?.listing?.storyHTML = nil
            trips[slug]?.storyDropped = true
        }
    }

    /// What a listing page shows, but for its trips' entries: where it stands among its
    /// listing's pages, its tag (or every tag with its count) and its trips in order.
    static func pageKey(_ page: ListingPage) -> String {
        var parts = [page.path, "\(page.number)/\(page.count)"]
        switch page.kind {
        case .home: break
        case .tag(let tag): parts.append(tag.slug + "\t" + tag.name)
        case .tags(let tags): parts += tags.map { "\($0.tag.slug)\t\($0.tag.name)\t\($0.trips)" }
        }
        parts += page.ids
        return ContentHash.sha256(parts.joined(separator: "\n"))
    }

    /// The reused trips among the feed's newest `count` whose story HTML the record left out:
    /// they are read and rendered again so the feed shows their stories.
    static func feedTripsWithoutStory(_ read: [TripOutline], reused: [String: CachedTrip], count: Int) -> [String] {
        let placements = read.compactMap(\.placement) + reused.values.compactMap { $0.listing?.placement }
        return placements.sortedNewestFirst().prefix(count)
            .map(\.slug).filter { reused[$0]?.storyDropped == true }
    }

    /// JSON with its keys sorted: the same value, the same bytes.
    private static func sortedJSON(_ value: some Encodable, _ encoder: JSONEncoder = sortedEncoder()) -> Data {
        (try? encoder.encode(value)) ?? Data()
    }

    private static func sortedEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// Everything every trip's pages depend on besides its own files: this version of
    /// tabi-press, the settings (with the image limits, and the recipes the photos are made with,
    /// the site's or the theme's), every file of the theme, and whether it is a writer's preview.
    static func siteKey(config: SiteConfig, recipes: ImageRecipes, theme: URL, preview: Bool) throws(ConfinedFileError) -> String {
        var hasher = SHA256()
        func add(_ bytes: Data) {
            hasher.update(data: bytes)
            hasher.update(data: Data([0]))
        }
        add(Data(SiteRenderer.outputVersion.utf8))
        add(Data((preview ? "preview" : "site").utf8))
        add(sortedJSON(config))
        add(sortedJSON(config.imageLimits))
        add(sortedJSON(recipes))
        try ConfinedFolder(theme).eachFile { path, bytes in
            add(Data(path.utf8))
            add(bytes)
        }
        return ContentHash.hex(hasher.finalize())
    }
}

/// One trip as the last build left it.
struct CachedTrip: Codable, Sendable, Equatable {
    /// The stamps of its files then (``PageCache/stamps(_:proposal:)``).
    var stamps: String
    /// The site-relative files its pages are (`trips/<slug>/index.html`, a preview's proposal page).
    var files: [String]
    /// Its photos' derivatives and originals, carried into the derivative manifest.
    var originals: [String: PixelSize]
    var derivatives: [String: PixelSize]
    /// Its listing entry when it is public (with the story's HTML, which the feed may show,
    /// unless ``storyDropped``).
    var listing: ListingEntry?
    /// The record left the story HTML out of ``listing`` (``PageCache/dropStories(keepingNewest:)``).
    var storyDropped: Bool?
    /// ``TripNeighbours/key`` of the links its page carries; nil for a page with none.
    var neighbours: String?
}

extension PageCache {
    /// Whether the listing files in `Output/` are already those of `reused`'s entries: every
    /// listed trip of the last build was reused, no other trip is listed, and the files are
    /// among those `present` (the regular files the build found there).
    func listingsStand(reused: [String: CachedTrip], renderedListed: Bool, present: Set<String>) -> Bool {
        guard !listingFiles.isEmpty, !renderedListed else { return false }
        let listedBefore = Set(trips.filter { $0.value.listing != nil }.keys)
        let listedNow = Set(reused.filter { $0.value.listing != nil }.keys)
        guard listedBefore == listedNow else { return false }
        return listingFiles.allSatisfy(present.contains)
    }

    /// The trip `slug` as the last build left it, when that is still what a build would make:
    /// the same stamps, and every file it wrote among those `present` in `Output/`.
    func reusable(_ slug: String, stamps: String, present: Set<String>) -> CachedTrip? {
        guard let cached = trips[slug], cached.stamps == stamps,
            cached.files.allSatisfy(present.contains), cached.derivatives.keys.allSatisfy(present.contains)
        else { return nil }
        return cached
    }

    /// A trip's stamps as a build compares them: `trip.json`'s and `story.md`'s, and in a preview
    /// `story.draft.md`'s too.
    static func stamps(_ trip: TripStamps, proposal: ConfinedFolder.Stamp?) -> String {
        trip.key + (proposal.map { " \($0)" } ?? "")
    }
}
