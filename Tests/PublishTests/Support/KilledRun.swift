import Foundation
import IntegrationSupport
import TestSupport

/// Runs a program, watches its output, and kills it with SIGKILL as soon as a line contains a
/// marker: a crash at a chosen point, with no chance to clean up.
enum KilledRun {
    struct Result {
        /// Whether the marker was seen and the program killed (rather than ending by itself).
        var killed: Bool
        var output: String
    }

    static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String?], in folder: URL,
        after marker: String
    ) throws -> Result {
        let process = CommandRunner.process(executable, arguments, environment: environment, in: folder)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        var output = Data()
        var killed = false
        while true {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            output.append(chunk)
            if String(decoding: output, as: UTF8.self).contains(marker) {
                kill(process.processIdentifier, SIGKILL)
                killed = true
                break
            }
        }
        process.waitUntilExit()
        killed = killed && process.terminationReason == .uncaughtSignal
        return Result(killed: killed, output: String(decoding: output, as: UTF8.self))
    }
}

/// Runs a program whose requests go through the moto stand-in, holds its requests from the
/// `after`+1-th on, kills it with SIGKILL once one is held, then lets the held requests finish
/// on the server (as requests it had fully received would): a crash after exactly so many
/// requests, with no chance to clean up.
enum StalledKill {
    struct Result {
        /// Whether it was killed (rather than ending before its `after`+1-th request).
        var killed: Bool
        /// Its exit status when it ended by itself.
        var status: Int32?
        var output: String
    }

    static func run(
        _ executable: URL, _ arguments: [String], moto: MotoStandin, in folder: URL,
        after requests: Int
    ) async throws -> Result {
        try await moto.stall(after: requests)
        let process = CommandRunner.process(executable, arguments, environment: moto.environment(), in: folder)
        let log = folder.appendingPathComponent("killed-run-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var killed = false
        while process.isRunning {
            if try await moto.stallStatus().blocked > 0 {
                kill(process.processIdentifier, SIGKILL)
                killed = true
                break
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        process.waitUntilExit()
        try handle.close()
        try await moto.release()
        let output = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
        killed = killed && process.terminationReason == .uncaughtSignal
        return Result(killed: killed, status: killed ? nil : process.terminationStatus, output: output)
    }
}
