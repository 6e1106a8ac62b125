import Foundation
import TestSupport

/// Readers written by others, to check the Swift ZIP writer against: Python's zipfile (through
/// `Tests/Tools/zip_inspect.py`) and Info-ZIP's `unzip`. A missing reader fails the test, with
/// how to install it; it never skips.
enum ZipReaders {
    /// The archive as Python's zipfile lists it.
    struct Listing: Decodable {
        struct Entry: Decodable {
            /// The fields read from the entry's local header, to compare with the central directory's.
            struct LocalHeader: Decodable, Equatable {
                var extractVersion, flags, method, time, date, crc, compressedSize, size: Int
                var nameBytes: String
                var extraLength: Int
            }
            var name, nameBytes: String
            var method, flags: Int
            var dateTime: [Int]
            var createSystem, createVersion, extractVersion, internalAttr, externalAttr: Int
            var extra, comment: String
            var crc, size, compressedSize: Int
            var data: Data
            var local: LocalHeader
        }
        /// The first entry whose CRC or header did not check out, or nil.
        var testzip: String?
        var comment: String
        var entries: [Entry]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Just the names, for archives of many entries.
    struct Names: Decodable {
        var testzip: String?
        var names: [String]
    }

    /// Writes `archive` to a file and lists it with Python's zipfile, reading every entry.
    static func python(_ archive: Data) async throws -> Listing {
        try await JSONDecoder().decode(Listing.self, from: runPython(archive, arguments: []))
    }

    /// Writes `archive` to a file and lists its names with Python's zipfile, after reading every entry.
    static func pythonNames(_ archive: Data) async throws -> Names {
        try await JSONDecoder().decode(Names.self, from: runPython(archive, arguments: ["--names"]))
    }

    private static func runPython(_ archive: Data, arguments: [String]) async throws -> Data {
        let folder = TemporaryFolder("tabi-zip")
        let file = folder("archive.zip")
        try archive.write(to: file)
        let script = RepositoryPaths.root.appendingPathComponent("Tests/Tools/zip_inspect.py")
        let result = try await CommandRunner.run(
            executable("python3", package: "python3"), [script.path] + arguments + [file.path],
            environment: ["PYTHONDONTWRITEBYTECODE": "1"])
        guard result.status == 0 else {
            throw Failure(
                description: "Python's zipfile could not read the archive (status \(result.status)): \(result.stderr.suffix(800))")
        }
        return Data(result.stdout.utf8)
    }

    /// Writes `archive` to a file and runs `unzip -t` on it.
    static func unzipTest(_ archive: Data) async throws -> CommandRunner.Result {
        let folder = TemporaryFolder("tabi-zip")
        let file = folder("archive.zip")
        try archive.write(to: file)
        return try await CommandRunner.run(executable("unzip", package: "unzip"), ["-t", file.path])
    }

    /// `name` found on PATH, or a failure saying how to install it.
    static func executable(_ name: String, package: String) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Failure(
            description: "\(name) is not on PATH: the ZIP tests read archives back with it. Install it with "
                + "`scripts/install-deps test` (apt package \(package)), or run `make test`")
    }
}
