import Build
import Concurrency
import ContentStore
import Draft
import Extract
import Foundation
import Images
import Logging
import Render
import TabiCore

/// `tabi-press export --trip UUID`: one trip as a blog of its own, through the same stages as
/// every night (extract that trip, draft it, build it), into a site whose home page is the trip.
/// Nothing of any other trip is in it; a private trip never leaves the database.
public struct TripExporter: Sendable {
    public struct Options: Sendable {
        public var tripID: String
        public var content: URL
        public var config: SiteConfig
        public var theme: URL
        public var media: any MediaSource
        public var databaseURL: String?
        /// Export `Content/trips/` as it is, without reading the database.
        public var skipExtract: Bool
        public var narrator: (any Narrator)?
        public var prompt: PromptTemplate
        public var concurrency: Int

        public init(
            tripID: String, content: URL, config: SiteConfig, theme: URL, media: any MediaSource,
            databaseURL: String? = nil, skipExtract: Bool = false, narrator: (any Narrator)? = nil,
            prompt: PromptTemplate = .builtIn, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount
        ) {
            self.tripID = tripID.lowercased()
            self.content = content
            self.config = config
            self.theme = theme
            self.media = media
            self.databaseURL = databaseURL
            self.skipExtract = skipExtract
            self.narrator = narrator
            self.prompt = prompt
            self.concurrency = max(1, concurrency)
        }
    }

    /// The exported site, in memory (one trip's pages and photos), and what each stage did.
    public struct Export: Sendable {
        public var slug: String
        /// Site path → bytes, sorted by path.
        public var files: [(path: String, data: Data)]
        public var extract: ExtractReport?
        public var draft: DraftReport?
        /// Photos or text left out (the rest is exported): exit code 1.
        public var failures: [BuildFailure]
    }

    public let options: Options
    let logger: Logger

    public init(options: Options, logger: Logger = Logger(label: "tabi.export")) {
        self.options = options
        self.logger = logger
    }

    public func export() async throws(ExportError) -> Export {
        // MARK: Extract this trip only
        var extractReport: ExtractReport?
        if !options.skipExtract {
            let extractOptions = ExtractOptions(content: options.content, tripIds: [options.tripID])
            let databaseURL = options.databaseURL, logger = self.logger
            let result = await BlockingThread.run(named: "tabi-extract") { () -> Result<ExtractReport, ExtractError> in
                Result { () throws(ExtractError) in try Extractor(options: extractOptions, logger: logger).run(databaseURL: databaseURL) }
            }
            do { extractReport = try result.get() } catch { throw .extract(error) }
            if extractReport?.notFound.contains(options.tripID) == true
                || extractReport?.withdrawn.contains(where: { $0.id == options.tripID }) == true
            {
                throw .notPublic(options.tripID)
            }
        }

        // MARK: Find it in Content/
        let content = ContentDirectory(root: options.content)
        let found: (slug: String, trip: Trip)
        do { found = try Self.find(options.tripID, in: content) } catch { throw .content(error) }
        let slug = found.slug

        // MARK: Draft it
        var draftReport: DraftReport?
        if let narrator = options.narrator {
            let draftOptions = DraftOptions(
                content: options.content, settings: options.config.narrator,
                language: options.config.language, slugs: [slug])
            do {
                draftReport = try await DraftRunner(options: draftOptions, narrator: narrator, prompt: options.prompt, logger: logger).run()
            } catch {
                throw .draft(error.description)
            }
            if let refusal = draftReport?.stoppedBy { throw .draft(refusal) }
        }

        // MARK: Build it, home page first
        let trip: Trip, story: Story?
        do {
            trip = try content.trip(slug)
            story = try content.story(slug)
        } catch {
            throw .content(error)
        }
        let theme: Theme
        do { theme = try Theme.load(from: options.theme) } catch { throw .setup("cannot load the theme: \(error)") }
        let renderer = SiteRenderer(config: options.config, theme: theme)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("tabi-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let maker = DerivativeMaker(
            recipes: renderer.imageRecipes, limits: options.config.imageLimits, media: options.media,
            output: work, concurrency: options.concurrency)
        let batch = await maker.make(trip.photos.map { PhotoJob(tripSlug: slug, photo: $0) })
        var failures = batch.failures.map { BuildFailure(trip: $0.tripSlug, file: $0.file, reason: "photo \($0.photoId): \($0.reason)") }
        let site: SiteRender
        do { site = try renderer.renderTripAsHome(TripContent(trip: trip, story: story), renditions: batch.renditions) } catch {
            throw .setup("cannot render trip \(slug): \(error)")
        }
        failures += site.problems.map { BuildFailure(trip: $0.slug, file: $0.file, reason: ($0.post.map { "\($0): " } ?? "") + $0.reason) }
        var files = site.files.map { (path: $0.path, data: $0.data) }
        let folder = ConfinedFolder(work)
        for path in batch.files.sorted() {
            do { files.append((path, try folder.read(path))) } catch {
                failures.append(BuildFailure(trip: slug, file: path, reason: error.reason))
            }
        }
        return Export(
            slug: slug, files: files.sorted { $0.path < $1.path }, extract: extractReport, draft: draftReport,
            failures: failures)
    }

    /// The trip with this id among `Content/trips/`.
    static func find(_ id: String, in content: ContentDirectory) throws(ContentError) -> (slug: String, trip: Trip) {
        for slug in try content.slugs().slugs {
            if let trip = try? content.trip(slug), trip.id.lowercased() == id { return (slug, trip) }
        }
        throw ContentError(
            file: content.tripsFolder.path, reason: "no trip \(id) in it: it is not public or unlisted, or was never extracted")
    }
}

/// Why an export could not be made (exit code 2).
public enum ExportError: Error, Sendable, CustomStringConvertible {
    case extract(ExtractError)
    case notPublic(String)
    case content(ContentError)
    case draft(String)
    case setup(String)

    public var description: String {
        switch self {
        case .extract(let error): "extract: \(error)"
        case .notPublic(let id): "trip \(id) is not public or unlisted (or does not exist): a private trip never leaves the database"
        case .content(let error): "\(error)"
        case .draft(let message): "draft: \(message)"
        case .setup(let message): message
        }
    }
}
