import ContentStore
import Foundation
import Testing

/// `ConfinedFolder.eachFile`: a theme's files in path order whatever the directory lists first,
/// hidden files skipped, and a link anywhere refused (the digests of build and nightly use it).
@Suite struct EachFileTests {
    @Test func filesComeInPathOrderWithTheirBytesAndHiddenOnesAreSkipped() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("each-\(UUID().uuidString)")
        // Made in an order unlike the sorted one, so the file system's own order is not it.
        for name in ["z.css", "templates/trip.mustache", "a.css", ".DS_Store", "templates/base.mustache", "m/x.png"] {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(name.utf8).write(to: url)
        }
        var seen: [String] = []
        try ConfinedFolder(root).eachFile { path, bytes in
            #expect(bytes == Data(path.utf8))
            seen.append(path)
        }
        #expect(seen == ["a.css", "m/x.png", "templates/base.mustache", "templates/trip.mustache", "z.css"])
    }

    @Test func aLinkAnywhereInTheFolderIsRefusedByName() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("each-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("templates/base.mustache").path, withDestinationPath: "/etc/passwd")
        #expect { try ConfinedFolder(root).eachFile { _, _ in } } throws: { error in
            "\(error)".contains("templates/base.mustache")
        }
    }
}
