import Foundation
import TestSupport

/// A copy of the default theme in a temporary folder, to change and reload.
final class ThemeCopy {
    private let folder = TemporaryFolder("tabi-theme")
    var url: URL { folder("theme") }

    init() throws {
        try FileManager.default.copyItem(at: RepositoryPaths.defaultTheme, to: url)
    }

    func write(_ relative: String, _ text: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func append(_ relative: String, _ text: String) throws {
        let file = url.appendingPathComponent(relative)
        try write(relative, String(decoding: try Data(contentsOf: file), as: UTF8.self) + text)
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(relative))
    }
}
