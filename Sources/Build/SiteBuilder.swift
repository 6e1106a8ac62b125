import Console
import ContentStore
import Foundation
import Images
import Logging
import Render
import TabiCore

/// The build stage: `Content/` in, `Output/` out.
///
/// It reads as its steps: load the theme and the content, make the photo derivatives, render the
/// pages, write what changed, sweep what the site no longer has. Each step keeps going past a
/// broken trip or photo and records it, so one bad file never stops the rest.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions
    private let logger = Logger(label: "tabi.build")

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Runs the whole build. Throws only when nothing can be built at all (no theme, no content
    /// folder); everything else ends up in ``BuildReport/failures``.
    public func build() async throws(BuildError) -> BuildReport {
        let clock = ContinuousClock()
        let start = clock.now
        var report = BuildReport()

        // MARK: - Theme, settings and content
        let theme: Theme
        do { theme = try Theme.load(from: options.theme) } catch { throw .theme(error) }
        let renderer = SiteRenderer(config: options.config, theme: theme)
        guard FileManager.default.fileExists(atPath: options.content.path) else {
            throw .contentMissing(options.content.path)
        }
        let loaded: ContentLoader.Loaded
        do { loaded = try ContentLoader(content: ContentDirectory(root: options.content)).load() } catch {
            throw .content(error)
        }
        report.failures += loaded.failures
        report.trips = loaded.trips.count

        // MARK: - Photos
        let jobs = loaded.trips.flatMap { content in
            content.trip.photos.map { PhotoJob(tripSlug: content.trip.slug, photo: $0) }
        }
        let maker = DerivativeMaker(recipes: renderer.imageRecipes, limits: options.config.imageLimits,
                                    media: options.media, output: options.output, concurrency: options.concurrency)
        let bar = options.showProgress ? ProgressBar(label: "photos", total: jobs.count) : nil
        let batch = await maker.make(jobs, progress: bar.map { bar in { @Sendable steps in bar.advance(by: steps) } })
        bar?.finish()
        report.photosEncoded = batch.encoded
        report.photosReused = batch.reused
        report.failures += batch.failures.map {
            BuildFailure(trip: $0.tripSlug, file: $0.file, reason: $0.reason)
        }

        // MARK: - Pages
        let files: [SiteFile]
        do {
            files = try await renderer.render(trips: loaded.trips, renditions: batch.renditions,
                                              concurrency: options.concurrency)
        } catch {
            throw .render(error)
        }
        let counts = OutputWriter(output: options.output).write(files)
        report.pagesWritten = counts.written
        report.pagesUnchanged = counts.unchanged
        report.failures += counts.failures

        // MARK: - Sweep
        // A broken trip keeps its previous pages, and while anything failed the old derivatives
        // stay too: a kept page may still show them.
        var keepFolders = Set(loaded.brokenSlugs.map { "trips/\($0)" })
        if !report.failures.isEmpty { keepFolders.insert(DerivativeMaker.mediaFolder) }
        let keep = Set(files.map(\.path)).union(batch.files).union([DerivativeMaker.manifestPath])
        report.removed = OutputSweeper(output: options.output).sweep(keep: keep, keepFolders: keepFolders)

        for failure in report.failures { logger.error("\(failure)") }
        report.duration = clock.now - start
        return report
    }
}

/// Why a build could not start at all.
public enum BuildError: Error, Sendable, CustomStringConvertible {
    case theme(ThemeError)
    case contentMissing(String)
    case content(ContentError)
    case render(RenderError)

    public var description: String {
        switch self {
        case .theme(let error): "cannot load the theme: \(error)"
        case .contentMissing(let path): "the content folder \(path) does not exist"
        case .content(let error): "cannot read the content: \(error)"
        case .render(let error): "cannot render the site: \(error)"
        }
    }
}
