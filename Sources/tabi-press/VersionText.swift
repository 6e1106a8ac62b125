import HTTPClient
import Markdown
import PostgresClient
import Vips

/// What `tabi-press --version` prints: its own version, then each C library it runs with, as
/// that library reports itself at run time (a bug report needs those, not the headers' versions).
enum VersionText {
    static let tabiPress = "0.1.0"

    static var text: String {
        let pq = libpqVersion()
        return """
            tabi-press \(tabiPress)
            libvips \(vipsVersion())
            libcmark-gfm \(cmarkVersion())
            libpq \(pq / 10000).\(pq % 10000)
            libcurl \(curlVersion().split(separator: " ").first.map { String($0.dropFirst("libcurl/".count)) } ?? "")
            """
    }
}
