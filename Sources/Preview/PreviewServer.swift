import Build
import Concurrency
import ContentStore
import Foundation
import Hummingbird
import Logging
import Publish
import ServiceLifecycle
import TabiCore

/// `tabi-press preview`: builds the site into a folder of its own, serves it on 127.0.0.1, and
/// builds again within a second of a save under `Content/`, the theme or `tabi.yml`; open pages
/// reload themselves. Stories marked `draft: true` and the drafts beside writers' stories show
/// with a note (``BuildOptions/preview``). Like `hugo server`, for writers.
public struct PreviewServer: Sendable {
    public struct Options: Sendable {
        /// What one build is made from; its output is the preview's own folder.
        public var build: BuildOptions
        /// Read again before each build (nil: the embedded defaults).
        public var configFile: URL?
        /// 0: any free port.
        public var port: Int
        public var host = "127.0.0.1"

        public init(build: BuildOptions, configFile: URL?, port: Int) {
            self.build = build
            self.configFile = configFile
            self.port = port
        }
    }

    public let options: Options
    /// Reads `tabi.yml` again (a change to it is a change to preview).
    let loadConfig: @Sendable () throws -> SiteConfig
    private let logger = Logger(label: "tabi.preview")

    public init(options: Options, loadConfig: @escaping @Sendable () throws -> SiteConfig) {
        self.options = options
        self.loadConfig = loadConfig
    }

    /// Builds, serves and watches until cancelled (or interrupted); `ready` gets the address.
    public func run(ready: @escaping @Sendable (String) -> Void) async throws {
        let builds = PreviewBuilds()
        let site = options.build.output
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        await build(into: builds)

        let router = Router()
        router.get(RouterPath(PreviewScript.path)) { _, _ in
            SiteFolder.uncached(
                .ok, type: "text/javascript; charset=utf-8", ResponseBody(byteBuffer: ByteBuffer(string: PreviewScript.source)))
        }
        router.get("/_preview/events") { _, _ in
            let events = await builds.subscribe()
            return SiteFolder.uncached(
                .ok, type: "text/event-stream",
                ResponseBody { writer in
                    for await event in events { try await writer.write(ByteBuffer(string: event)) }
                    try await writer.finish(nil)
                })
        }
        let files = SiteFolder(root: site)
        router.get("/") { request, _ in files.response(for: request.uri.path) }
        router.get("**") { request, _ in files.response(for: request.uri.path) }

        let address = BindAddress.hostname(options.host, port: options.port)
        let host = options.host
        let watching = WatchService(
            watcher: ChangeWatcher(
                paths: [options.build.content, options.build.theme]
                    + (options.configFile.map { [$0] } ?? [])),
            builds: builds, rebuild: { await self.build(into: builds) })
        let app = Application(
            router: router, configuration: .init(address: address, serverName: "tabi-press preview"),
            onServerRunning: { channel in ready("http://\(host):\(channel.localAddress?.port ?? 0)/") },
            logger: Logger(label: "tabi.preview.http"))
        // Until an interrupt or a termination signal. Services stop in the reverse order: the
        // watching first, which ends the pages' event streams, so the server has no request
        // left open when its turn comes. A shell's background job starts with interrupts
        // ignored: Ctrl-C (or a test's interrupt) must reach the preview all the same.
        signal(SIGINT, SIG_DFL)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: app), .init(service: watching)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Logger(label: "tabi.preview.services")))
        try await group.run()
    }

    /// One build into the preview's folder; what failed goes to the terminal and the pages.
    func build(into builds: PreviewBuilds) async {
        let clock = ContinuousClock(), start = clock.now
        var options = self.options.build
        var failures: [String] = []
        do {
            options.config = try loadConfig()
            let report = try await SiteBuilder(options: options).build()
            failures = report.failures.map(\.description)
        } catch {
            failures = ["\(error)"]
        }
        let took = String(format: "%.2f s", (clock.now - start).secondsValue)
        if failures.isEmpty {
            logger.info("built in \(took)")
        } else {
            for failure in failures { logger.error("\(failure)") }
            logger.warning("built in \(took) with \(failures.count) failure\(failures.count == 1 ? "" : "s")")
        }
        await builds.finished(failures: failures)
    }
}

/// The built site as the preview serves it: a file under its folder (a folder's `index.html`),
/// never through a link, and HTML with the reload script added; `404.html` for the rest.
struct SiteFolder: Sendable {
    let root: URL

    func response(for rawPath: String) -> Response {
        guard let path = Self.sitePath(rawPath) else { return notFound() }
        let folder = ConfinedFolder(root)
        var file = path.isEmpty ? "index.html" : path
        switch path.isEmpty ? .folder : folder.kind(of: path) {
        case .folder: file = path.isEmpty ? "index.html" : path + "/index.html"
        case .file: break
        default: return notFound()
        }
        guard let data = try? folder.read(file, maxBytes: 256 << 20) else { return notFound() }
        return respond(data, path: file, status: .ok)
    }

    private func notFound() -> Response {
        let page = (try? ConfinedFolder(root).read(OutputLayout.notFoundPage, maxBytes: 1 << 20)) ?? Data("Not found\n".utf8)
        return respond(page, path: OutputLayout.notFoundPage, status: .notFound)
    }

    private func respond(_ data: Data, path: String, status: HTTPResponse.Status) -> Response {
        let type = ContentTypes.type(of: path)
        var body = data
        if type.hasPrefix("text/html") { body = Self.withReloadScript(data) }
        return Self.uncached(status, type: type, ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A response no browser keeps: every save changes what the preview serves.
    static func uncached(_ status: HTTPResponse.Status, type: String, _ body: ResponseBody) -> Response {
        Response(status: status, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
    }

    /// The reload script's tag before `</head>` (or at the end when there is none).
    static func withReloadScript(_ html: Data) -> Data {
        let tag = Data(PreviewScript.tag.utf8)
        if let head = html.range(of: Data("</head>".utf8)) {
            var out = html
            out.insert(contentsOf: tag, at: head.lowerBound)
            return out
        }
        return html + tag
    }

    /// The site path of a request path: percent-decoded, without its leading `/`, every part a
    /// plain name (no `..`, no empty or hidden part); nil otherwise.
    static func sitePath(_ raw: String) -> String? {
        // Split by scalars, never by `Character`: a `/` glued to a combining mark is still a `/`.
        let pathOnly =
            raw.unicodeScalars.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first
            .map { String(String.UnicodeScalarView($0)) } ?? ""
        guard let decoded = pathOnly.removingPercentEncoding else { return nil }
        let parts = decoded.unicodeScalars.split(separator: "/", omittingEmptySubsequences: true).map(Array.init)
        guard parts.allSatisfy({ $0.first != "." && !$0.contains { $0.value < 0x20 || $0 == "\\" } }) else { return nil }
        let path = parts.map { String(String.UnicodeScalarView($0)) }.joined(separator: "/")
        return path.isEmpty || ConfinedFolder.isConfined(path) ? path : nil
    }
}

/// Watches for saves and builds again, until the preview shuts down; then ends every page's
/// event stream, so the server has no request left open and stops at once.
struct WatchService: Service {
    let watcher: ChangeWatcher
    let builds: PreviewBuilds
    let rebuild: @Sendable () async -> Void

    func run() async {
        await withGracefulShutdownHandler {
            await cancelWhenGracefulShutdown {
                await watcher.watch { await rebuild() }
            }
        } onGracefulShutdown: {
            Task { await builds.close() }
        }
    }
}
