import ContentStore
import Foundation
import IntegrationSupport
import Logging
import Synchronization
import TabiCore
import TestSupport

@testable import Extract

/// Runs extract against a test database into a temporary content folder, capturing its log so
/// tests can check that nothing private is ever logged.
final class ExtractHarness {
    let database: TestDatabase
    let folder = TemporaryFolder("tabi-extract")
    let log = LogCapture()

    init() throws { database = try TestDatabase() }

    /// `<temp>/Content`
    var content: URL { folder("Content") }
    var contentDirectory: ContentDirectory { ContentDirectory(root: content) }

    /// One extract run; `url` defaults to the test database as the superuser.
    @discardableResult
    func extract(
        trips: [String] = [], changed: Bool = false, url: String? = nil, batchSize: Int = 7,
        parallel: Bool = true, dryRun: Bool = false,
        maxWithdrawals: Int = ExtractOptions.defaultMaxWithdrawals,
        afterPlanning: @escaping () -> Void = {}, progress: StageProgress? = nil
    ) throws -> ExtractReport {
        // Small batches, so the tests cross many FETCH boundaries.
        let options = ExtractOptions(
            content: content, tripIds: trips, changedOnly: changed, batchSize: batchSize,
            parallelReads: parallel, dryRun: dryRun, maxWithdrawals: maxWithdrawals, progress: progress)
        let logger = Logger(label: "test") { _ in self.log }
        var extractor = Extractor(options: options, logger: logger)
        extractor.afterPlanning = afterPlanning
        return try extractor.run(databaseURL: url ?? database.url)
    }

    /// The slugs of the published trips (folders of `trips/` holding a `trip.json`).
    func slugs() throws -> [String] { try contentDirectory.slugs().slugs }

    func trip(_ slug: String) throws -> Trip { try contentDirectory.trip(slug) }

    /// The trip with this id, wherever it is.
    func trip(id: String) throws -> Trip? {
        try slugs().lazy.map { try self.trip($0) }.first { $0.id == id }
    }

    /// Every byte of every file under the temporary folder, plus the log, as text: what a leak
    /// check searches.
    func everythingWritten() -> String {
        log.lines.joined(separator: "\n") + "\n" + filesWritten()
    }

    /// Every file's path and bytes under the temporary folder, as text.
    func filesWritten() -> String {
        var text = ""
        let enumerator = FileManager.default.enumerator(at: folder.url, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if let data = FileManager.default.contents(atPath: url.path) { text += String(decoding: data, as: UTF8.self) }
            text += "\n" + url.path
        }
        return text
    }
}

/// A log handler that keeps every line.
final class LogCapture: LogHandler, @unchecked Sendable {
    private let storage = Mutex<[String]>([])
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        storage.withLock { $0.append("\(event.level): \(event.message)") }
    }

    var lines: [String] { storage.withLock { $0 } }
}
