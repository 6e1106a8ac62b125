import Foundation
import IntegrationSupport
import TestSupport

/// The whole chain through one build of the `tabi-press` binary, on real servers: extract from a
/// PostgreSQL database of its own, draft through the Bedrock stand-in, build with libvips, publish
/// to moto's S3 and CloudFront. Every command's output is kept, for leak checks.
final class PipelineRun {
    let binary: URL
    let database: TestDatabase
    let model: ModelStandin
    let moto: MotoStandin
    let folder = TemporaryFolder("tabi-pipeline")
    /// Every command run so far with what it printed.
    private(set) var transcript: [(arguments: [String], result: CommandRunner.Result)] = []

    var content: URL { folder("Content") }
    var media: URL { folder("media") }
    var output: URL { folder("Output") }
    var siteBucket: String { moto.bucket }
    var stateBucket: String { "tabi-state" }

    init(
        binary: CommandRunner.Binary, modelOptions: [String] = [],
        buckets: [String] = ["tabi-site", "tabi-state"]
    ) throws {
        self.binary = try binary.url()
        database = try TestDatabase()
        moto = try MotoStandin(auth: true, buckets: buckets)
        // One set of keys signs for S3, CloudFront and Bedrock in a nightly run.
        model = try ModelStandin(alsoAccepting: [(moto.announcement.accessKeyId, moto.announcement.secretAccessKey)])
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
    }

    /// Copies an image fixture under the media root at `key`.
    func addOriginal(_ fixture: String, at key: String) throws {
        let target = media.appendingPathComponent(key)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: target.path) {
            try FileManager.default.copyItem(at: RepositoryPaths.fixtures.appendingPathComponent("images/\(fixture)"), to: target)
        }
    }

    @discardableResult
    func run(_ arguments: [String], environment: [String: String?] = [:]) async throws -> CommandRunner.Result {
        let result = try await CommandRunner.run(binary, arguments, environment: environment, in: folder.url)
        transcript.append((arguments, result))
        return result
    }

    func extract() async throws -> CommandRunner.Result {
        try await run(["extract", "--content", content.path, "--verbose"], environment: ["DATABASE_URL": database.url])
    }

    func draft() async throws -> CommandRunner.Result {
        try await run(["draft", "--content", content.path, "--narrator", "bedrock", "--verbose"], environment: model.environment())
    }

    func build() async throws -> CommandRunner.Result {
        try await run([
            "build", "--content", content.path, "--output", output.path, "--media", media.path,
            "--theme", RepositoryPaths.defaultTheme.path, "--verbose",
        ])
    }

    func publish() async throws -> CommandRunner.Result {
        try await run(
            [
                "publish", "--output", output.path, "--bucket", siteBucket, "--distribution", moto.distributionId,
                "--state", "s3://\(stateBucket)", "--verbose",
            ], environment: moto.environment())
    }

    /// `tabi-press nightly` on the servers: the database, the Bedrock stand-in, moto's S3 and
    /// CloudFront; `extra` adds options (a content folder of its own, a shard, another bucket).
    func nightly(
        _ extra: [String] = [], content: URL? = nil, site: String? = nil, state: String? = nil,
        narrator: String = "bedrock", environment: [String: String?] = [:]
    ) async throws -> CommandRunner.Result {
        var env = moto.environment()
        env["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = model.server.baseURL
        env["DATABASE_URL"] = database.url
        for (key, value) in environment { env[key] = value }
        return try await run(
            [
                "nightly", "--content", (content ?? self.content).path, "--media", media.path,
                "--theme", RepositoryPaths.defaultTheme.path, "--narrator", narrator,
                "--bucket", site ?? siteBucket, "--state", "s3://\(state ?? stateBucket)",
            ] + extra, environment: env)
    }

    /// The report a run wrote with `--report`.
    static func report(_ file: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any] ?? [:]
    }

    /// Every object of a bucket: key → MD5 of the bytes a reader gets.
    func bucketDigest(_ bucket: String) async throws -> [String: String] {
        try await moto.objects(bucket: bucket).mapValues { $0.decodedMd5 ?? $0.md5 }
    }

    /// Keys written (PUT, POST) or deleted in `bucket` since the log was reset.
    func writes(in bucket: String) async throws -> [String] {
        try await moto.requests().filter { $0.isWrite && ($0.path == "/\(bucket)" || $0.path.hasPrefix("/\(bucket)/")) }
            .map { String($0.path.dropFirst(bucket.count + 2)) }
    }

    /// Everything the commands printed, one text.
    var printed: String {
        transcript.map { "$ tabi-press \($0.arguments.joined(separator: " "))\n\($0.result.stdout)\n\($0.result.stderr)" }
            .joined(separator: "\n")
    }

    /// Every file under a folder, path and bytes, as text.
    static func everything(under root: URL) throws -> String {
        guard FileManager.default.fileExists(atPath: root.path) else { return "" }
        return try FolderFiles.contents(under: root).sorted { $0.key < $1.key }
            .map { "\($0.key)\n\(String(decoding: $0.value, as: UTF8.self))" }.joined(separator: "\n")
    }

    /// Every object of a bucket, key and (decompressed where gzipped) bytes, as text.
    func bucketText(_ bucket: String) async throws -> String {
        var text = ""
        for key in try await moto.objects(bucket: bucket).keys.sorted() {
            text += key + "\n"
            if let body = try await moto.body(of: key, bucket: bucket) {
                text += String(decoding: Self.gunzipped(body), as: UTF8.self) + "\n"
            }
        }
        return text
    }

    /// gzip bodies as stored with `Content-Encoding: gzip`, unpacked with the system's gzip.
    static func gunzipped(_ data: Data) -> Data {
        guard data.starts(with: [0x1F, 0x8B]) else { return data }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        guard (try? process.run()) != nil else { return data }
        DispatchQueue.global().async {
            input.fileHandleForWriting.write(data)
            try? input.fileHandleForWriting.close()
        }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return out
    }

    /// Every prompt the model stand-in received.
    func prompts() throws -> String {
        try model.requests().map { $0.body + "\n" + ($0.prompt ?? "") }.joined(separator: "\n")
    }
}
