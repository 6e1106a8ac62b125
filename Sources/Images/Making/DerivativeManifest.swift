import ContentStore
import Foundation

/// `Output/_tabi/derivatives.json`: what a rebuild needs so it can reference every derivative
/// without decoding anything — the size of each derivative file, and the upright size of each
/// original (which decides which responsive widths it has). Keyed by content, so it is never
/// stale: a path names the bytes it describes.
struct DerivativeManifest: Codable, Sendable, Equatable {
    /// Site-relative derivative path → its pixel size.
    var derivatives: [String: PixelSize] = [:]
    /// Full hex SHA-256 of an original → its size after EXIF rotation.
    var originals: [String: PixelSize] = [:]
    var version = DerivativeManifest.currentVersion

    static let currentVersion = 1
    /// Where the manifest lives under the output folder.
    static let relativePath = OutputLayout.derivativeManifest

    /// Reads the manifest; a missing, unreadable or foreign-version file reads as empty (the
    /// files themselves remain the truth, and their headers are cheap to read).
    static func load(from url: URL) -> (manifest: DerivativeManifest, problem: String?) {
        guard let data = FileManager.default.contents(atPath: url.path) else { return (.init(), nil) }
        do {
            let manifest = try JSONDecoder().decode(DerivativeManifest.self, from: data)
            guard manifest.version == currentVersion else {
                return (.init(), "\(url.path) has version \(manifest.version), not \(currentVersion); it is rebuilt")
            }
            return (manifest, nil)
        } catch {
            return (.init(), "\(url.path) is not a valid derivative manifest; it is rebuilt")
        }
    }

    /// Pretty, sorted JSON with a final newline: the same entries always give the same bytes.
    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding dictionaries of plain structs cannot fail.
        var data = (try? encoder.encode(self)) ?? Data()
        data.append(0x0A)
        return data
    }

    /// Writes only when the bytes change (``AtomicFile`` keeps the file and its mtime otherwise).
    func write(to url: URL) throws(FileError) -> AtomicFile.Outcome {
        try AtomicFile.write(encoded(), to: url)
    }
}
