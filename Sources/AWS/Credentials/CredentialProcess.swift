import Foundation

/// Runs a profile's `credential_process` and reads the credentials it prints.
///
/// The command runs under `/bin/sh -c` with the resolved environment; its stderr goes to ours
/// (so its prompts and errors are seen), its stdout is parsed and never echoed.
enum CredentialProcess {
    static func run(_ command: String, environment: [String: String], source: String) async throws(AWSCredentialsError) -> AWSCredentials {
        let outcome: Result<(status: Int32, output: Data), AWSCredentialsError> = await withCheckedContinuation { continuation in
            // A blocking wait; on its own thread so no Swift concurrency thread is held.
            Thread.detachNewThread {
                let process = Process()
                let output = Pipe()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", command]
                process.environment = environment
                process.standardOutput = output
                process.standardInput = FileHandle.nullDevice
                do {
                    try process.run()
                } catch {
                    continuation.resume(returning: .failure(AWSCredentialsError(source: source, reason: "credential_process could not start: \(error.localizedDescription)")))
                    return
                }
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: .success((process.terminationStatus, data)))
            }
        }
        let (status, output) = try outcome.get()
        guard status == 0 else {
            throw AWSCredentialsError(source: source, reason: "credential_process exited with status \(status)")
        }
        let document = try CredentialsDocument.decode(output, source: source)
        guard document.version == 1 else {
            throw AWSCredentialsError(source: source, reason: "credential_process must print \"Version\": 1")
        }
        return try document.credentials(source: source)
    }
}
