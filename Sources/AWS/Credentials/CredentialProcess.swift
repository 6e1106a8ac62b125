import Concurrency
import Foundation

/// Runs a profile's `credential_process` and reads the credentials it prints.
///
/// The command runs under `/bin/sh -c` with the resolved environment; its stderr goes to ours
/// (so its prompts and errors are seen), its stdout is parsed and never echoed.
enum CredentialProcess {
    static func run(_ command: String, environment: [String: String], source: String) async throws(AWSCredentialsError) -> AWSCredentials {
        // A blocking wait; on its own thread so no Swift concurrency thread is held.
        let outcome = await BlockingThread.run(named: "tabi-credential") { () -> Result<ProcessOutcome, AWSCredentialsError> in
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
                return .failure(
                    AWSCredentialsError(source: source, reason: "credential_process could not start: \(error.localizedDescription)"))
            }
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return .success(ProcessOutcome(status: process.terminationStatus, output: data))
        }
        let finished = try outcome.get()
        guard finished.status == 0 else {
            throw AWSCredentialsError(source: source, reason: "credential_process exited with status \(finished.status)")
        }
        let document = try CredentialsDocument.decode(finished.output, source: source)
        guard document.version == 1 else {
            throw AWSCredentialsError(source: source, reason: "credential_process must print \"Version\": 1")
        }
        return try document.credentials(source: source)
    }

    /// What the process left: a named struct, never a tuple, as a result across threads (see
    /// ``IndexedResult``).
    private struct ProcessOutcome: Sendable {
        var status: Int32
        var output: Data
    }
}
