import Foundation
import IntegrationSupport
import TestSupport

/// Replays a stand-in's request log over the bucket a run started from, and names every moment
/// a reader could have been served a page (or listing) whose media or assets were missing.
///
/// Pessimistic on both sides: a page counts as visible from the arrival of its PUT and as gone
/// only once its delete was answered; a media key counts as present only once its PUT was
/// answered and as gone from the arrival of its delete.
struct ReaderTimeline {
    /// Site path of a page → the media and assets paths it references (those that exist).
    typealias References = [String: Set<String>]

    /// The references of every HTML and XML file under `output`.
    static func references(under output: URL) throws -> References {
        let files = try FolderFiles.urls(under: output)
        let pattern = try NSRegularExpression(pattern: "(?:media|assets)/[A-Za-z0-9._/-]+")
        var references: References = [:]
        for (path, url) in files where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            let found = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
                .compactMap { Range($0.range, in: text).map { String(text[$0]) } }
            references[path] = Set(found.filter { files[$0] != nil })
        }
        return references
    }

    /// The broken moments of `log`, for a bucket that held `initial` keys with pages as in `before`,
    /// while pages as in `after` were being published.
    static func brokenMoments(
        _ log: [MotoStandin.LoggedRequest], bucket: String, initial: Set<String>,
        before: References, after: References
    ) -> [String] {
        enum Change { case pageUp(String), pageGone(String), mediaUp(String), mediaGone(String) }
        var changes: [(time: Int, change: Change)] = []
        let isPage = { (key: String) in before[key] != nil || after[key] != nil }
        for request in log where (200..<300).contains(request.status ?? 0) {
            let prefix = "/\(bucket)/"
            if request.method == "POST", request.query.hasPrefix("delete") {
                for key in request.keys ?? [] {
                    changes.append(isPage(key) ? (request.done ?? request.seq, .pageGone(key)) : (request.seq, .mediaGone(key)))
                }
                continue
            }
            guard request.path.hasPrefix(prefix) else { continue }
            let key = String(request.path.dropFirst(prefix.count)).removingPercentEncoding ?? ""
            if key.hasPrefix("_tabi/") { continue }
            let completesUpload = request.method == "POST" && request.query.contains("uploadId")
            guard (request.method == "PUT" && !request.query.contains("partNumber")) || completesUpload else { continue }
            changes.append(isPage(key) ? (request.seq, .pageUp(key)) : (request.done ?? request.seq, .mediaUp(key)))
        }
        var media = initial.filter { !isPage($0) }
        var pages = Dictionary(uniqueKeysWithValues: initial.filter(isPage).map { ($0, before[$0] ?? []) })
        var broken: [String] = []
        for (time, change) in changes.sorted(by: { $0.time < $1.time }) {
            switch change {
            case .pageUp(let key): pages[key] = after[key] ?? []
            case .pageGone(let key): pages[key] = nil
            case .mediaUp(let key): media.insert(key)
            case .mediaGone(let key): media.remove(key)
            }
            for (page, references) in pages {
                let missing = references.subtracting(media)
                if !missing.isEmpty { broken.append("at \(time), \(page) shows \(missing.sorted().joined(separator: ", ")), not there") }
            }
        }
        return broken
    }
}
