import Concurrency
import ContentStore
import Foundation
import Logging
import TabiCore
import Vips

/// Makes the derivatives of every photo of a site: the thumbnail, the medium and the responsive
/// set of ``ImageRecipes``, under `Output/media/`, named by content so an unchanged photo is never
/// encoded twice.
///
/// **Naming.** A derivative's path is `media/<2 hex>/<16 hex>-<tag>-<stamp>.<ext>`: the first 16 hex
/// digits of the original's SHA-256, a readable tag (`300x300c`, `800x600`, `w960`) and a stamp
/// hashing the rest of the recipe (format, quality, crop mode, encoder settings and a pipeline
/// version). Same bytes and recipe, same path; a changed photo or recipe, new paths.
///
/// **When the original is read.** Which responsive widths a photo gets depends on its upright
/// width, so naming needs the hash *and* that size. `Output/_tabi/derivatives.json` records, per
/// original hash, its upright size, and per derivative path its size. A photo whose `sha256` the
/// app recorded, whose original the manifest knows and whose derivative files all exist is done
/// without touching the original at all. In every other case (no recorded hash, no manifest entry,
/// a missing file) the original is fetched and its bytes hashed; the derivatives are then named by
/// *that* hash, never by the recorded one, so a wrong `sha256` in the database can cost a fetch
/// but never puts one photo's pixels under another's name. Only the header is read unless a file
/// is missing; existing files are reused, and their sizes come from the manifest or, failing
/// that, from their own headers. (The one thing trusted without reading: a recorded hash that the
/// manifest knows stands for the bytes that were hashed when it was recorded.)
///
/// **Work.** Photos run in parallel, at most `concurrency` at a time (a sliding window over a
/// task group); each photo's libvips work runs on a thread of its own. No photo is ever held at
/// full size: derivatives are cut from the original shrunk by 2, 4 or 8 (``LevelDecoder``), or
/// decoded straight into their own box.
public struct DerivativeMaker: Sendable {
    public let recipes: ImageRecipes
    /// How large an original may be; one over a limit fails before it is decoded.
    public let limits: ImageLimits
    public let media: any MediaSource
    /// The site's output folder (`Output/`); derivatives go under `media/`, the manifest under `_tabi/`.
    public let output: URL
    public let concurrency: Int
    let logger: Logger

    public init(
        recipes: ImageRecipes, limits: ImageLimits = .defaults, media: any MediaSource, output: URL,
        concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
        logger: Logger = Logger(label: "tabi.images")
    ) {
        self.recipes = recipes
        self.limits = limits
        self.media = media
        self.output = output.standardizedFileURL
        self.concurrency = max(1, concurrency)
        self.logger = logger
    }

    /// The folder of `Output/` derivatives are written under.
    public static let mediaFolder = "media"
    /// The site-relative path of the manifest (under the reserved `_tabi/` state prefix).
    public static let manifestPath = DerivativeManifest.relativePath

    /// Where the manifest is written.
    public var manifestFile: URL { output.appendingPathComponent(DerivativeManifest.relativePath) }

    /// Makes (or finds) the derivatives of every job's photo. Give it every photo of the site in
    /// one call: the manifest is rewritten to hold exactly the entries this call references.
    /// `progress` is called with the number of photos just finished (for ``ProgressBar/advance(by:)``).
    ///
    /// `published` lists derivatives that exist in the bucket though not in the output folder: they
    /// count as existing (nothing is fetched, encoded or written for them). `keeping` lists those
    /// of photos not in this call that the site still shows (a build that left unchanged trips
    /// out): they stay in the manifest.
    public func make(
        _ jobs: [PhotoJob], published: PublishedDerivatives = PublishedDerivatives(),
        keeping: PublishedDerivatives = PublishedDerivatives(),
        progress: (@Sendable (Int) -> Void)? = nil
    ) async -> DerivativeBatch {
        let groups = SourceGroup.grouping(jobs)
        var outcomes = [SourceOutcome?](repeating: nil, count: groups.count)
        do throws(VipsError) {
            try Vips.start()
            // We run `concurrency` photos at once; libvips threads inside each would only compete.
            try Vips.setConcurrency(ProcessInfo.processInfo.activeProcessorCount / concurrency)
        } catch {
            let failed = SourceOutcome.failed(location: "libvips", reason: error.description)
            return finish(jobs, groups: groups, outcomes: groups.map { _ in failed }, keeping: keeping)
        }
        var (loaded, problem) = DerivativeManifest.load(from: manifestFile)
        if let problem { logger.notice("\(problem)") }
        loaded.originals.merge(published.originals) { local, _ in local }
        loaded.derivatives.merge(published.derivatives) { local, _ in local }
        let manifest = loaded
        let remote = Set(published.derivatives.keys)

        await slidingWindow(groups.count, concurrency: concurrency, canStart: { !Task.isCancelled }) { index in
            await derive(groups[index], manifest: manifest, remote: remote)
        } collect: { index, outcome in
            outcomes[index] = outcome
            progress?(groups[index].jobIndices.count)
        }
        return finish(jobs, groups: groups, outcomes: outcomes, keeping: keeping)
    }

    // MARK: - One original

    private func derive(_ group: SourceGroup, manifest: DerivativeManifest, remote: Set<String>) async -> SourceOutcome {
        let output = self.output, recipes = self.recipes, limits = self.limits
        if let hash = group.recordedHash, let original = manifest.originals[hash] {
            let plan = DerivativePlan(recipes: recipes, sourceHash: hash, original: original)
            let sizes = await BlockingThread.run(named: "tabi-images") {
                Vips.isolatingErrors { Self.existingSizes(plan.all, manifest: manifest, remote: remote, output: output) }
            }
            if sizes.count == plan.all.count {
                return .made(SourceResult(plan: plan, sizes: sizes, encoded: 0, reused: sizes.count))
            }
        }
        let location = media.location(of: group.storageKey)
        let bytes: ImageBytes
        switch await fetch(group.storageKey) {
        case .success(let fetched): bytes = fetched
        case .failure(let error): return .failed(location: error.location, reason: error.reason)
        }
        return await BlockingThread.run(named: "tabi-images") {
            do throws(SourceFailure) {
                // Isolated, so a broken photo's reason is its own libvips text even when other
                // photos fail at the same moment (libvips 8.14 has one error buffer per process).
                return .made(
                    try Vips.isolatingErrors { () throws(SourceFailure) -> SourceResult in
                        try Self.derive(
                            bytes, recordedHash: group.recordedHash, recipes: recipes, limits: limits,
                            manifest: manifest, remote: remote, output: output)
                    })
            } catch {
                return .failed(location: location, reason: error.reason)
            }
        }
    }

    /// The original's bytes, lent to libvips as they are (``ImageBytes``): held once while the
    /// photo is worked on, however often libvips opens them.
    private func fetch(_ storageKey: String) async -> Result<ImageBytes, MediaError> {
        do throws(MediaError) {
            let data = try await media.original(at: storageKey, maxBytes: limits.maxBytes)
            guard !data.isEmpty else {
                throw MediaError(storageKey: storageKey, location: media.location(of: storageKey), reason: "the file is empty")
            }
            do throws(VipsError) {
                return .success(try ImageBytes(data))
            } catch {
                throw MediaError(storageKey: storageKey, location: media.location(of: storageKey), reason: error.description)
            }
        } catch {
            return .failure(error)
        }
    }

    /// Everything done with an original's bytes: hash, header (refused when it declares more than
    /// `limits.maxPixels`), plan, then decode and encode whatever files are missing. Safe to run
    /// twice (it rebuilds everything from the bytes and writes atomically), as
    /// ``Vips/isolatingErrors(_:)`` may.
    private static func derive(
        _ bytes: ImageBytes, recordedHash: String?, recipes: ImageRecipes, limits: ImageLimits,
        manifest: DerivativeManifest, remote: Set<String>, output: URL
    ) throws(SourceFailure) -> SourceResult {
        let hash = bytes.withUnsafeBytes { ContentHash.sha256($0) }
        let original: DerivativeEncoder.Original
        do throws(VipsError) {
            original = try DerivativeEncoder.open(bytes)
        } catch {
            // A refused format's message names it ("it is SVG (svgload_source), and only …").
            throw SourceFailure(
                reason: error.refusedLoader != nil
                    ? error.message
                    : "it is not an image libvips can read (\(error.message))")
        }
        guard original.pixels <= limits.maxPixels else {
            throw SourceFailure(
                reason: """
                    it is \(original.stored.width)×\(original.stored.height) pixels, more than images.maxPixels \
                    (\(limits.maxPixels)); it was not decoded
                    """)
        }
        let plan = DerivativePlan(recipes: recipes, sourceHash: hash, original: original.size)
        var sizes = existingSizes(plan.all, manifest: manifest, remote: remote, output: output)
        let missing = plan.all.filter { sizes[$0.path] == nil }
        do throws(DerivativeError) {
            let made = try DerivativeEncoder.make(missing, from: original, plan: plan, output: output)
            sizes.merge(made) { _, new in new }
        } catch {
            throw SourceFailure(reason: error.description)
        }
        let mismatch = recordedHash.flatMap { $0 == hash ? nil : (recorded: $0, actual: hash) }
        return SourceResult(
            plan: plan, sizes: sizes, encoded: missing.count,
            reused: plan.all.count - missing.count, hashMismatch: mismatch)
    }

    /// Sizes of the specs whose files exist: from the manifest, else from the file's header.
    /// Only regular files count: a link or a FIFO where a derivative should be is never followed
    /// or opened, and the derivative is made again in its place.
    private static func existingSizes(
        _ specs: [DerivativeSpec], manifest: DerivativeManifest, remote: Set<String>,
        output: URL
    ) -> [String: PixelSize] {
        let folder = ConfinedFolder(output)
        var sizes: [String: PixelSize] = [:]
        for spec in specs {
            if remote.contains(spec.path), let size = manifest.derivatives[spec.path] {
                sizes[spec.path] = size
                continue
            }
            let file = output.appendingPathComponent(spec.path)
            guard case .file = folder.kind(of: spec.path) else { continue }
            if let size = manifest.derivatives[spec.path] ?? DerivativeEncoder.size(ofFile: file) {
                sizes[spec.path] = size
            }
        }
        return sizes
    }
}
