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

    init(binary: CommandRunner.Binary, modelOptions: [String] = []) throws {
        self.binary = try binary.url()
        database = try TestDatabase()
        model = try ModelStandin()
        moto = try MotoStandin(auth: true, buckets: ["tabi-site", "tabi-state"])
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
    func run(_ arguments: [String], environment: [String: String?] = [:]) throws -> CommandRunner.Result {
        let result = try CommandRunner.run(binary, arguments, environment: environment, in: folder.url)
        transcript.append((arguments, result))
        return result
    }

    func extract() throws -> CommandRunner.Result {
        try run(["extract", "--content", content.path, "--verbose"], environment: ["DATABASE_URL": database.url])
    }

    func draft() throws -> CommandRunner.Result {
        try run(["draft", "--content", content.path, "--narrator", "bedrock", "--verbose"], environment: model.environment())
    }

    func build() throws -> CommandRunner.Result {
        try run(["build", "--content", content.path, "--output", output.path, "--media", media.path,
                 "--theme", RepositoryPaths.defaultTheme.path, "--verbose"])
    }

    func publish() throws -> CommandRunner.Result {
        try run(["publish", "--output", output.path, "--bucket", siteBucket, "--distribution", moto.distributionId,
                 "--state", "s3://\(stateBucket)", "--verbose"], environment: moto.environment())
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
            if let body = try await moto.body(of: key, bucket: bucket) { text += String(decoding: Self.gunzipped(body), as: UTF8.self) + "\n" }
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
