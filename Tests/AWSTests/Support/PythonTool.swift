import Foundation

/// Runs a script from `Tests/Tools` with `python3`, feeding `input` on stdin; returns stdout.
/// Fails (throws) when python3, the script or one of its modules is missing.
func runPythonTool(_ script: String, arguments: [String] = [], input: Data) throws -> Data {
    struct ToolFailure: Error, CustomStringConvertible { var description: String }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", PythonStandin.tools.appendingPathComponent(script).path] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    process.environment = environment
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Write on another thread so a large answer cannot deadlock against a full stdin pipe.
    let writer = Thread {
        stdin.fileHandleForWriting.write(input)
        try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ToolFailure(
            description: "Tests/Tools/\(script) failed (status \(process.terminationStatus)); is python3 with botocore installed "
                + "(scripts/install-deps test)? \(String(decoding: errors, as: UTF8.self).suffix(600))")
    }
    return output
}
