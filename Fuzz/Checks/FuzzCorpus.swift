import Foundation

/// The committed inputs: `Fuzz/Corpus/<target>/` (seeds libFuzzer starts from) and
/// `Fuzz/Findings/<target>/` (inputs that once failed, kept so they never fail again).
public enum FuzzCorpus {
    /// The `Fuzz` folder of this checkout.
    public static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Every committed input of `target`, with its path relative to `Fuzz/`.
    public static func inputs(of target: FuzzTarget) -> [(name: String, bytes: Data)] {
        var out: [(String, Data)] = []
        for kind in ["Corpus", "Findings"] {
            let directory = folder.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") && name != "README.md" {
                if let bytes = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) {
                    out.append(("\(kind)/\(target.rawValue)/\(name)", bytes))
                }
            }
        }
        return out
    }
}
