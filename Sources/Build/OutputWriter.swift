import ContentStore
import Foundation
import Render

/// Writes the rendered files into `Output/`, each atomically and only when its bytes changed.
struct OutputWriter {
    let output: URL

    struct Counts {
        var written = 0
        var unchanged = 0
        var failures: [BuildFailure] = []
    }

    func write(_ files: [SiteFile]) -> Counts {
        var counts = Counts()
        for file in files {
            do {
                switch try AtomicFile.write(file.data, to: output.appendingPathComponent(file.path)) {
                case .written: counts.written += 1
                case .unchanged: counts.unchanged += 1
                }
            } catch {
                counts.failures.append(BuildFailure(trip: nil, file: error.path, reason: error.description))
            }
        }
        return counts
    }
}
