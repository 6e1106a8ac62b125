import AWS
import ContentStore

/// Where things go in the bucket: every site path under the prefix, and publish's own files
/// under `<prefix>_tabi/publish/` (the header rules, and the served ``StateStore``).
public struct PublishKeys: Sendable, Hashable {
    /// The folder the pipeline keeps its own files in, site-relative. Never deleted by publish
    /// unless it wrote the key itself; never invalidated; never uploaded from `Output/_tabi/`
    /// (the build's files go to a private ``StateStore``, if any).
    public static let reservedFolder = OutputLayout.reservedFolder
    /// Publish's own files beside the site: the header rules record and the served state store.
    public static let reservedStateFolder = OutputLayout.publishState
    /// The build's record of what it rendered (modification times of this machine's files): of
    /// no use anywhere else, so never published nor kept in a state store (`pages.json`: the
    /// name it had before it became JSON Lines, left in an `Output/` an earlier version built).
    public static let machineLocalBuildFiles: Set<String> = [OutputLayout.pageRecords, OutputLayout.legacyPageRecords]
    /// Build files earlier versions uploaded into `<prefix>_tabi/`, readable by anyone: deleted.
    public static let legacyBuildFiles: Set<String> = [OutputLayout.derivativeManifest]

    /// `""` or a key prefix ending with `/` (`site/`).
    public let prefix: String

    /// Normalises `prefix`: no leading `/`, one trailing `/` unless empty. Throws when it has
    /// empty, `.` or `..` folder names.
    public init(prefix: String) throws(PublishError) {
        let normalized = S3Location.normalizedPrefix(prefix)
        let parts = normalized.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        guard parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw .setup("--prefix \(prefix) has an empty, . or .. folder name")
        }
        self.prefix = normalized
    }

    /// The key of a site path.
    public func key(_ path: String) -> String { prefix + path }

    /// The site path of a key under the prefix, or `nil`.
    public func path(of key: String) -> String? {
        key.hasPrefix(prefix) ? String(key.dropFirst(prefix.count)) : nil
    }
}
