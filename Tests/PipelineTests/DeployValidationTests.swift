import Foundation
import TestSupport
import Testing

/// `deploy/`: the Kubernetes manifests, the AWS Batch JSON, `submit` and the Dockerfile pass the
/// real validators (`deploy/validate`), the validators fail on broken copies, and
/// `deploy/engine-env` gives each shard what its engine gives it.
@Suite struct DeployValidationTests {
    static var deploy: URL { RepositoryPaths.root.appendingPathComponent("deploy") }

    /// Runs a `deploy/` script with the Python that `scripts/install-deps` installed the
    /// validators into (`PYTHON`, else `python3`), as `make test` does.
    static func script(_ name: String, _ arguments: [String]) async throws -> CommandRunner.Result {
        let python = ProcessInfo.processInfo.environment["PYTHON"] ?? "python3"
        return try await CommandRunner.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [python, deploy.appendingPathComponent(name).path] + arguments,
            in: RepositoryPaths.root)
    }

    /// A copy of the repository's `deploy/` beside links to `Themes/` and `tabi.yml`, for breaking.
    static func copyOfDeploy(in folder: TemporaryFolder) throws -> URL {
        let copy = folder("deploy")
        try FileManager.default.copyItem(at: deploy, to: copy)
        for shared in ["Themes", "tabi.yml"] {
            try FileManager.default.createSymbolicLink(
                at: folder(shared),
                withDestinationURL: RepositoryPaths.root.appendingPathComponent(shared))
        }
        return copy
    }

    static func replace(_ old: String, with new: String, in file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        try #require(text.contains(old), "\(file.lastPathComponent) no longer contains \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    // MARK: - deploy/validate

    @Test func theShippedFilesPassEveryValidator() async throws {
        let result = try await Self.script("validate", ["--binary", CommandRunner.tabiPress.path])
        #expect(result.status == 0, "deploy/validate failed:\n\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("deploy/validate: all checks passed"))
        for validator in ["kubernetes-validate", "botocore", "Haskell Dockerfile Linter", "ShellCheck"] {
            #expect(result.stdout.contains(validator), "\(validator) did not run")
        }
        #expect(!result.stdout.contains("FAIL"))
    }

    @Test func theSelfTestCatchesEveryPlantedDefect() async throws {
        let result = try await Self.script("validate", ["--self-test"])
        #expect(result.status == 0, "deploy/validate --self-test:\n\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("MISSED"))
        #expect(result.stdout.contains(" 0 failed"))
    }

    @Test func aManifestWithAnUnknownFieldFails() async throws {
        let folder = TemporaryFolder("tabi-deploy")
        let copy = try Self.copyOfDeploy(in: folder)
        try Self.replace(
            "readOnlyRootFilesystem: true", with: "readOnlyRootFileSystem: true",
            in: copy.appendingPathComponent("kubernetes/cronjob.yaml"))
        let result = try await Self.script("validate", ["--root", copy.path])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("'readOnlyRootFileSystem' was unexpected"))
    }

    @Test func aBatchJSONWithAWrongTypeFails() async throws {
        let folder = TemporaryFolder("tabi-deploy")
        let copy = try Self.copyOfDeploy(in: folder)
        try Self.replace(
            "\"attemptDurationSeconds\": 7200", with: "\"attemptDurationSeconds\": \"2h\"",
            in: copy.appendingPathComponent("aws-batch/job-definition.json"))
        let result = try await Self.script("validate", ["--root", copy.path])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Invalid type for parameter timeout.attemptDurationSeconds"))
    }

    // MARK: - deploy/engine-env

    /// What `deploy/engine-env` says one container gets.
    struct Container: Decodable {
        var argv: [String]
        var environment: [String: String]
        var origin: [String: String]
        var shards: Int
        var workingDirectory: String
    }

    static func container(_ arguments: [String]) async throws -> Container {
        let result = try await script("engine-env", arguments)
        try #require(result.status == 0, "deploy/engine-env \(arguments): \(result.stderr)")
        return try JSONDecoder().decode(Container.self, from: Data(result.stdout.utf8))
    }

    @Test func kubernetesGivesEveryShardItsIndexAndTheNightsJobName() async throws {
        let first = try await Self.container(["kubernetes"])
        #expect(first.shards >= 2)
        for index in 0..<first.shards {
            let shard = try await Self.container(["kubernetes", "--index", "\(index)", "--job-name", "tabi-nightly-29412345"])
            #expect(shard.environment["JOB_COMPLETION_INDEX"] == "\(index)")
            #expect(shard.origin["JOB_COMPLETION_INDEX"] == "engine")
            #expect(shard.environment["TABI_RUN_ID"] == "tabi-nightly-29412345")
            #expect(shard.environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] != nil)
            #expect(shard.environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] != nil)
            #expect(shard.environment["AWS_BATCH_JOB_ARRAY_INDEX"] == nil)
            #expect(shard.argv.starts(with: ["/usr/local/bin/tabi-press", "nightly"]))
            #expect(shard.argv.contains("--shards") && shard.argv.contains("\(first.shards)"))
            #expect(!shard.argv.contains("--no-auto-finalize"))
        }
        let beyond = try await Self.script("engine-env", ["kubernetes", "--index", "\(first.shards)"])
        #expect(beyond.status == 2)
    }

    @Test func batchGivesEveryChildItsIndexAndTheArrayJobsID() async throws {
        let first = try await Self.container(["batch"])
        for index in 0..<first.shards {
            let child = try await Self.container(["batch", "--index", "\(index)", "--job-id", "a1b2c3d4-0000-4000-8000-000000000000"])
            #expect(child.environment["AWS_BATCH_JOB_ARRAY_INDEX"] == "\(index)")
            #expect(child.environment["AWS_BATCH_JOB_ID"] == "a1b2c3d4-0000-4000-8000-000000000000:\(index)")
            #expect(child.environment["AWS_BATCH_JOB_ARRAY_SIZE"] == "\(first.shards)")
            #expect(child.environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] != nil)
            // The run id comes from AWS_BATCH_JOB_ID, never from the job definition.
            #expect(child.environment["TABI_RUN_ID"] == nil)
            #expect(child.environment["JOB_COMPLETION_INDEX"] == nil)
            #expect(child.argv.contains("--no-auto-finalize"))
            #expect(!child.argv.contains(where: { $0.hasPrefix("Ref::") }))
        }
        let finalize = try await Self.container(["batch", "--role", "finalize", "--job-id", "a1b2c3d4-0000-4000-8000-000000000000"])
        #expect(finalize.environment["TABI_RUN_ID"] == "a1b2c3d4-0000-4000-8000-000000000000")
        #expect(finalize.environment["AWS_BATCH_JOB_ARRAY_INDEX"] == nil)
        #expect(finalize.argv.last == "--finalize")
    }

    @Test func pathsAndVariablesCanBeGivenTestValues() async throws {
        let shard = try await Self.container([
            "kubernetes", "--index", "1",
            "--map", "/data/Content=/tmp/t/Content", "--map", "/usr/share/tabi-press=\(RepositoryPaths.root.path)",
            "--set", "DATABASE_URL=postgresql://localhost/test", "--unset", "KUBERNETES_SERVICE_HOST",
        ])
        #expect(shard.argv.contains("/tmp/t/Content"))
        #expect(!shard.argv.contains("/data/Content"))
        #expect(shard.workingDirectory == RepositoryPaths.root.path)
        #expect(shard.environment["DATABASE_URL"] == "postgresql://localhost/test")
        #expect(shard.origin["DATABASE_URL"] == "set")
        #expect(shard.environment["KUBERNETES_SERVICE_HOST"] == nil)
    }
}
