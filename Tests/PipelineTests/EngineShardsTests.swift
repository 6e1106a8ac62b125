import Foundation
import IntegrationSupport
import TestSupport
import Testing

/// Issue 11: the shards of a night as N parallel processes, each started with exactly the argv,
/// environment and working directory its engine gives it (a Kubernetes Indexed Job, an AWS Batch
/// array job and its finalize job), as `deploy/engine-env` reads them from the shipped manifests.
/// Only what a test must point at its own servers is mapped: the binary, the image's folders, the
/// buckets, the distribution, the database, the AWS endpoint and the credentials endpoint.
///
/// Every server is real or a stand-in (PostgreSQL, moto's S3 and CloudFront with an IAM user, the
/// container-credentials stand-in); a missing one, or a missing python3/PyYAML for engine-env,
/// fails the test.
@Suite struct EngineShardsTests {
    /// What `deploy/engine-env --format json` prints for one container.
    struct Container: Decodable {
        var engine: String
        var role: String
        var index: Int?
        var shards: Int
        var argv: [String]
        var environment: [String: String]
        var workingDirectory: String
    }

    /// A container that ran: what it printed, how it ended.
    struct Ended {
        var name: String
        var status: Int32
        var stdout: String
        var stderr: String
        var transcript: String { "\(name) exited \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    static func engineEnv(_ engine: String, _ arguments: [String]) async throws -> Container {
        let result = try await DeployValidationTests.script("engine-env", [engine, "--format", "json"] + arguments)
        try #require(result.status == 0, "deploy/engine-env \(engine) \(arguments.joined(separator: " ")): \(result.stderr)")
        return try JSONDecoder().decode(Container.self, from: Data(result.stdout.utf8))
    }

    /// Starts every container at once with exactly its argv, environment (nothing inherited) and
    /// working directory, and waits for all of them.
    static func runConcurrently(_ containers: [(name: String, container: Container)], logs: URL) async throws -> [Ended] {
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        var started: [(name: String, process: Process, out: URL, err: URL)] = []
        for (name, container) in containers {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: container.argv[0])
            process.arguments = Array(container.argv.dropFirst())
            process.environment = container.environment
            process.currentDirectoryURL = URL(fileURLWithPath: container.workingDirectory)
            let out = logs.appendingPathComponent("\(name).out"), err = logs.appendingPathComponent("\(name).err")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            _ = FileManager.default.createFile(atPath: err.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            process.standardInput = FileHandle.nullDevice
            try process.run()
            started.append((name, process, out, err))
        }
        var ended: [Ended] = []
        for (name, process, out, err) in started {
            await CommandRunner.exit(of: process)
            ended.append(
                Ended(
                    name: name, status: process.terminationStatus,
                    stdout: try String(contentsOf: out, encoding: .utf8), stderr: try String(contentsOf: err, encoding: .utf8)))
        }
        return ended
    }

    /// The trips a nightly run says it handled: its `<id> <slug>: <action> (<reason>)` lines.
    static func tripsHandled(_ stdout: String, among trips: Set<String>) -> [String] {
        stdout.split(separator: "\n").compactMap { line in
            guard let id = line.split(separator: " ").first.map(String.init), trips.contains(id), line.contains(": ") else { return nil }
            return id
        }
    }

    /// `tabi.yml` as the ConfigMap of deploy/kubernetes/configmap.yaml mounts it.
    static func configMapSettings() throws -> String {
        let text = try String(contentsOf: DeployValidationTests.deploy.appendingPathComponent("kubernetes/configmap.yaml"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(
            lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "tabi.yml: |" },
            "configmap.yaml has no tabi.yml: | block")
        let indent = lines[start].prefix { $0 == " " }.count
        var body: [String] = []
        for line in lines[(start + 1)...] {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { body.append(""); continue }
            guard line.prefix(while: { $0 == " " }).count > indent else { break }
            body.append(String(line.dropFirst(indent + 2)))
        }
        return body.joined(separator: "\n") + "\n"
    }

    @Test func kubernetesAndBatchShardsGiveTheBucketOfOneWorker() async throws {
        // tabi-site/tabi-state: one worker with the ConfigMap's settings; -2: the Indexed Job's
        // shards; -3: one worker with the image's settings; -4: the Batch array job and its finalize.
        let run = try PipelineRun(
            binary: .debug,
            buckets: [
                "tabi-site", "tabi-state", "tabi-site-2", "tabi-state-2",
                "tabi-site-3", "tabi-state-3", "tabi-site-4", "tabi-state-4",
                "tabi-originals",
            ])
        let db = run.database
        let owner = try db.profile()
        var trips: Set<String> = []
        for index in 0..<8 {
            let trip = try db.trip(
                "Trip number \(index)", visibility: index == 5 ? "unlisted" : "public", user: owner,
                startDate: "2024-0\(index + 1)-01", endDate: nil)
            trips.insert(trip)
            let post = try db.post(trip, title: "Day \(index)", content: "Post \(index).")
            if index % 3 == 0 {
                let key = "originals/\(index).jpg"
                try db.photo(post, trip: trip, key: key, sha256: nil)
                try run.addOriginal(index % 2 == 0 ? "small.jpg" : "landscape-gps.jpg", at: key)
                // The manifests read originals from s3://tabi-originals/travels: the same bytes there.
                try await run.moto.put(
                    Data(contentsOf: run.media.appendingPathComponent(key)), key: "travels/\(key)", bucket: "tabi-originals")
            }
        }

        // The settings each engine mounts at /etc/tabi/tabi.yml: Kubernetes the ConfigMap's, Batch
        // the copy baked into the image (the repository's tabi.yml, deploy/Dockerfile).
        let kubernetesSettings = run.folder("kubernetes-etc/tabi.yml")
        try FileManager.default.createDirectory(at: kubernetesSettings.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.configMapSettings().write(to: kubernetesSettings, atomically: true, encoding: .utf8)
        let batchSettings = run.folder("batch-etc/tabi.yml")
        try FileManager.default.createDirectory(at: batchSettings.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: RepositoryPaths.root.appendingPathComponent("tabi.yml"), to: batchSettings)

        // The image: its binary (the debug build), its working directory holding only Themes/.
        let image = run.folder("image")
        try FileManager.default.createDirectory(at: image, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: image.appendingPathComponent("Themes"), withDestinationURL: RepositoryPaths.themes)

        // Credentials come the way each engine gives them: a container-credentials endpoint. The
        // stand-in hands out moto's IAM user (the only keys moto with auth accepts); no process
        // has keys in its environment, so every signed request proves the endpoint was used.
        let keys = "\(run.moto.announcement.accessKeyId):\(run.moto.announcement.secretAccessKey)"
        let podIdentityToken = "eks-pod-identity-token-\(UUID().uuidString)"
        let tokenFile = run.folder("eks-pod-identity-token")
        try podIdentityToken.write(to: tokenFile, atomically: true, encoding: .utf8)
        // EKS Pod Identity: the agent wants the projected service-account token as Authorization.
        let podIdentity = try PythonServer(
            "credentials_standin.py", ["--container-token", podIdentityToken, "--container-credentials", keys])
        // Fargate's endpoint takes no token.
        let fargate = try PythonServer("credentials_standin.py", ["--container-credentials", keys])

        let common = [
            "--map", "/usr/local/bin/tabi-press=\(run.binary.path)",
            "--map", "/usr/share/tabi-press=\(image.path)",
            "--map", "E2EXAMPLE12345=\(run.moto.distributionId)",
            // The manifests draft with Bedrock; the shards draft offline, as the worker they are compared with.
            "--map", "bedrock=offline",
            "--set", "DATABASE_URL=\(db.url)",
            "--set", "AWS_ENDPOINT_URL=\(run.moto.endpoint)",
        ]
        // Kubernetes: the CronJob's Indexed Job; its Content/ is the PersistentVolumeClaim.
        let kubernetesContent = run.folder("kubernetes-Content")
        try FileManager.default.createDirectory(at: kubernetesContent, withIntermediateDirectories: true)
        let kubernetes =
            common + [
                "--map", "/etc/tabi/tabi.yml=\(kubernetesSettings.path)",
                "--map", "/data/Content=\(kubernetesContent.path)",
                "--map", "tabi-site=tabi-site-2", "--map", "s3://tabi-state=s3://tabi-state-2",
                // EKS Pod Identity's agent on 169.254.170.23 and its token file, on this machine.
                "--set", "AWS_CONTAINER_CREDENTIALS_FULL_URI=\(podIdentity.baseURL)/container/credentials",
                "--map", "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token=\(tokenFile.path)",
            ]
        // AWS Batch: the array job and its finalize job; Content/ is the EFS volume.
        let batchContent = run.folder("batch-Content")
        try FileManager.default.createDirectory(at: batchContent, withIntermediateDirectories: true)
        let batch =
            common + [
                "--map", "/etc/tabi/tabi.yml=\(batchSettings.path)",
                "--map", "/data/Content=\(batchContent.path)",
                "--map", "tabi-site=tabi-site-4", "--map", "s3://tabi-state=s3://tabi-state-4",
                // Fargate's endpoint is a path on 169.254.170.2, which a test cannot serve: the full URI stands in.
                "--unset", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                "--set", "AWS_CONTAINER_CREDENTIALS_FULL_URI=\(fargate.baseURL)/container/credentials",
            ]
        #expect(try await Self.engineEnv("kubernetes", kubernetes).shards == 4)
        #expect(try await Self.engineEnv("batch", batch).shards == 4)
        let oneBatchContent = run.folder("Content-one-batch")
        try FileManager.default.createDirectory(at: oneBatchContent, withIntermediateDirectories: true)

        /// One night: one worker per settings file (what the shards must add up to), then the
        /// Indexed Job's pods at once (the last one finalizes), then the array job's children at
        /// once and its finalize job. `handled`: the trips the shards must report, each once;
        /// `invalidations`: how many each engine's night must send.
        func night(_ number: Int, handled expected: [String], invalidations: Int) async throws {
            let one = try await run.nightly(["--config", kubernetesSettings.path], narrator: "offline")
            try #require(one.status == 0, "\(one.stdout)\n\(one.stderr)")
            let oneBatch = try await run.nightly(
                ["--config", batchSettings.path], content: oneBatchContent, site: "tabi-site-3",
                state: "tabi-state-3", narrator: "offline")
            try #require(oneBatch.status == 0, "\(oneBatch.stdout)\n\(oneBatch.stderr)")
            let kubernetesReference = try await run.bucketDigest("tabi-site")
            let batchReference = try await run.bucketDigest("tabi-site-3")
            try #require(kubernetesReference["index.html"] != nil && batchReference["index.html"] != nil)

            // MARK: Kubernetes
            let sent = try await run.moto.invalidations().count
            let job = ["--job-name", "tabi-nightly-2900000\(number)"] + kubernetes
            var pods: [(String, Container)] = []
            for index in 0..<4 {
                pods.append(("night-\(number)-kubernetes-\(index)", try await Self.engineEnv("kubernetes", ["--index", "\(index)"] + job)))
            }
            for (name, pod) in pods {
                #expect(pod.environment["AWS_ACCESS_KEY_ID"] == nil && pod.environment["AWS_SECRET_ACCESS_KEY"] == nil, "\(name) has keys")
                #expect(!pod.argv.contains("--no-auto-finalize") && !pod.argv.contains("--report"), "\(name): \(pod.argv)")
            }
            let podsEnded = try await Self.runConcurrently(pods, logs: run.folder("logs"))
            for pod in podsEnded { #expect(pod.status == 0, "\(pod.transcript)") }
            let kubernetesHandled = podsEnded.flatMap { Self.tripsHandled($0.stdout, among: trips) }
            #expect(
                kubernetesHandled.sorted() == expected.sorted(),
                "night \(number): the pods did not cover each trip exactly once\n\(podsEnded.map(\.transcript).joined(separator: "\n"))")
            #expect(try await run.moto.invalidations().count == sent + invalidations, "night \(number): the Indexed Job's invalidations")
            #expect(try await run.bucketDigest("tabi-site-2") == kubernetesReference, "night \(number): Kubernetes")

            // MARK: AWS Batch
            let arrayJob = ["--job-id", "9b2f7c1e-0d3a-4e5b-8c6d-7e8f9a0b1c2\(number)"] + batch
            var children: [(String, Container)] = []
            for index in 0..<4 {
                children.append(("night-\(number)-batch-\(index)", try await Self.engineEnv("batch", ["--index", "\(index)"] + arrayJob)))
            }
            for (name, child) in children {
                #expect(
                    child.environment["AWS_ACCESS_KEY_ID"] == nil && child.environment["AWS_SECRET_ACCESS_KEY"] == nil, "\(name) has keys")
                #expect(child.argv.contains("--no-auto-finalize"), "\(name): \(child.argv)")
            }
            let listingsBefore = try await run.moto.objects(prefix: "index.html", bucket: "tabi-site-4")["index.html"]
            let childrenEnded = try await Self.runConcurrently(children, logs: run.folder("logs"))
            for child in childrenEnded { #expect(child.status == 0, "\(child.transcript)") }
            let batchHandled = childrenEnded.flatMap { Self.tripsHandled($0.stdout, among: trips) }
            #expect(
                batchHandled.sorted() == expected.sorted(),
                "night \(number): the children did not cover each trip exactly once\n\(childrenEnded.map(\.transcript).joined(separator: "\n"))"
            )
            // The listings and the invalidation wait for the finalize job.
            #expect(
                try await run.moto.objects(prefix: "index.html", bucket: "tabi-site-4")["index.html"]?.md5 == listingsBefore?.md5,
                "night \(number): a child wrote the listings though the array job runs with --no-auto-finalize")
            #expect(try await run.moto.invalidations().count == sent + invalidations, "night \(number): a child sent an invalidation")

            let finalize = try await Self.engineEnv("batch", ["--role", "finalize"] + arrayJob)
            #expect(finalize.argv.contains("--finalize"), "\(finalize.argv)")
            let finalized = try await Self.runConcurrently([("night-\(number)-batch-finalize", finalize)], logs: run.folder("logs"))
            for step in finalized { #expect(step.status == 0, "\(step.transcript)") }
            #expect(
                try await run.moto.invalidations().count == sent + 2 * invalidations, "night \(number): the finalize job's invalidations")
            #expect(try await run.bucketDigest("tabi-site-4") == batchReference, "night \(number): AWS Batch")
        }

        // First night: every trip new; new objects need no invalidation.
        try await night(1, handled: Array(trips), invalidations: 0)
        // Second night: one trip changed in the app; its page and the listings are invalidated, once.
        let changed = try #require(trips.first)
        try db.run("UPDATE travels SET description = 'Changed overnight.', updated_at = '2025-01-02T00:00:00Z' WHERE id = $1", [changed])
        try await night(2, handled: [changed], invalidations: 1)

        try await run.moto.expectAllSigned()
        withExtendedLifetime((podIdentity, fargate)) {}
    }
}
