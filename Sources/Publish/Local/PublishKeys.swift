/// Where things go in the bucket: every site path under the prefix, and publish's own state
/// under `<prefix>_tabi/publish/`.
public struct PublishKeys: Sendable, Hashable {
    /// The folder the pipeline keeps its own files in, site-relative. Never deleted by publish
    /// unless it wrote the key itself; never invalidated.
    public static let reservedFolder = "_tabi/"
    /// Publish's state: the header state and pending invalidations.
    public static let reservedStateFolder = "_tabi/publish/"

    /// `""` or a key prefix ending with `/` (`site/`).
    public let prefix: String

    /// Normalises `prefix`: no leading `/`, one trailing `/` unless empty. Throws when it has
    /// empty, `.` or `..` folder names.
    public init(prefix: String) throws(PublishError) {
        var trimmed = Substring(prefix)
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed.isEmpty {
            self.prefix = ""
            return
        }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw .setup("--prefix \(prefix) has an empty, . or .. folder name")
        }
        self.prefix = trimmed + "/"
    }

    /// The key of a site path.
    public func key(_ path: String) -> String { prefix + path }

    /// The site path of a key under the prefix, or `nil`.
    public func path(of key: String) -> String? {
        key.hasPrefix(prefix) ? String(key.dropFirst(prefix.count)) : nil
    }

    /// The header state for rules with `fingerprint`.
    public func headerState(fingerprint: String) -> String {
        key(Self.reservedStateFolder + "headers-\(fingerprint).json")
    }

    /// Whether `key` is a header state (of any rules).
    public func isHeaderState(_ key: String) -> Bool {
        guard let path = path(of: key) else { return false }
        return path.hasPrefix(Self.reservedStateFolder + "headers-") && path.hasSuffix(".json")
    }

    /// The invalidation a publish to `distributionId` has yet to send.
    public func pendingInvalidation(distributionId: String) -> String {
        key(Self.reservedStateFolder + "invalidation-\(distributionId).json")
    }
}
