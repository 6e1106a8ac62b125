import Foundation

/// One file of the built site, as Build writes it under `Output/`.
public struct SiteFile: Sendable, Equatable {
    /// Site-relative, `/`-separated, no leading `/` (`trips/kyoto/index.html`).
    public var path: String
    public var data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }

    init(path: String, text: String) {
        self.init(path: path, data: Data(text.utf8))
    }
}
