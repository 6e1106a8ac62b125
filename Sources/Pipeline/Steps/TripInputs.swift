import ContentStore
import Crypto
import Foundation
import Render
import TabiCore

/// What a trip's pages are made from, hashed: when it is the same as the record says, the trip's
/// pages and photos in the bucket are already what a build would make, and nothing is done for it.
///
/// A trip's inputs are the site's (``siteKey``: this version of tabi-press, the settings, every
/// file of the theme, whether the store keeps headers) and its own: `trip.json` (facts, photo
/// hashes) and `story.md`.
public struct TripInputs: Sendable {
    /// The hash of everything every trip shares.
    public let siteKey: String
    /// A hasher that has taken in `siteKey` and the line feed after it: each trip's hash starts from it.
    private let siteHasher: SHA256

    /// Changes whenever pages could come out different for every trip.
    public static let version = "tabi-press nightly 3 / " + SiteRenderer.outputVersion

    public init(configText: String, theme: URL, keepsHeaders: Bool) throws(ConfinedFileError) {
        var hasher = SHA256()
        func add(_ text: String) {
            hasher.update(data: Data(text.utf8))
            hasher.update(data: Data([0]))
        }
        add(Self.version)
        add(configText)
        add(keepsHeaders ? "headers" : "no headers")
        try ConfinedFolder(theme).eachFile { path, bytes in
            add(path)
            hasher.update(data: bytes)
            hasher.update(data: Data([0]))
        }
        siteKey = ContentHash.hex(hasher.finalize())
        var site = SHA256()
        site.update(data: Data((siteKey + "\n").utf8))
        siteHasher = site
    }

    /// The hash of a trip's own files, `trip.json` and `story.md` (nil: none), whatever the site's.
    public static func contentHash(tripJSON: Data, story: Data?) -> String {
        var hasher = SHA256()
        hasher.update(data: tripJSON)
        hasher.update(data: Data([0, story == nil ? 0 : 1]))
        if let story { hasher.update(data: story) }
        return ContentHash.hex(hasher.finalize())
    }

    /// One trip's inputs: the site's and its own files' (``contentHash(tripJSON:story:)``).
    public func hash(content: String) -> String {
        var hasher = siteHasher
        var content = content
        content.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return ContentHash.hex(hasher.finalize())
    }
}
