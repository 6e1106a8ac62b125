import Foundation
import TestSupport

/// Runs a program, watches its output, and kills it with SIGKILL as soon as a line contains a
/// marker: a crash at a chosen point, with no chance to clean up.
enum KilledRun {
    struct Result {
        /// Whether the marker was seen and the program killed (rather than ending by itself).
        var killed: Bool
        var output: String
    }

    static func run(_ executable: URL, _ arguments: [String], environment: [String: String?], in folder: URL,
                    after marker: String) throws -> Result {
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
