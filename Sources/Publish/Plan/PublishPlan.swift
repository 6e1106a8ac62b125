import ContentStore

/// What a publish will do, as plain data: computed from the output folder and one listing,
/// printed by `--dry-run`, then applied in order.
public struct PublishPlan: Sendable {
    /// An object to upload, why, and in which stage.
    public struct Upload: Sendable, Hashable {
        public var object: LocalObject
        public var reason: UploadReason
        public var stage: PublishStage
    }

    /// In apply order: by stage, then path.
    public var uploads: [Upload]
    /// Keys to delete, in apply order: site objects the output no longer has, listings and
    /// pages before the media they show.
    public var deletes: [String]
    /// Objects already stored with these bytes and headers.
    public var unchanged: [LocalObject]
    /// Paths of the output publish will not read (links, special files): failures of their
    /// stage, and their keys are kept.
    public var refused: [RefusedFile]
    /// The record of this publish's header rules.
    public var rulesRecord: HeaderRulesRecord
    /// Its key beside the site.
    public var rulesRecordKey: String
    /// Whether it must be written (missing, or its bytes differ).
    public var writesRulesRecord: Bool
    /// Keys under the site's `_tabi/` that earlier publishes wrote and that go before anything
    /// else is written: other rules' records, and earlier versions' header states and build
    /// files (which named every path and original to any reader).
    public var retired: [String]
    /// Build files to write to the private state store (changed ones only).
    public var stateWrites: [StateFile]
    /// Build files in the private state store the output no longer has, by name.
    public var staleStateRecords: [String]
    /// Build files left on disk because the state store is the served one (no `--state`).
    public var unkeptBuildFiles: [String]
    /// CloudFront paths this plan's changes and deletes make stale, before collapsing; empty
    /// without a distribution.
    public var invalidationPaths: [String]

    /// Whether the plan writes nothing at all.
    public var isEmpty: Bool {
        uploads.isEmpty && deletes.isEmpty && !writesRulesRecord && retired.isEmpty && stateWrites.isEmpty
            && staleStateRecords.isEmpty
    }

    /// The uploads of one stage.
    public func uploads(in stage: PublishStage) -> [Upload] { uploads.filter { $0.stage == stage } }

    /// The refused site paths of one stage.
    public func refused(in stage: PublishStage) -> [RefusedFile] {
        refused.filter { !$0.isBuildFile && PublishStage.of($0.path) == stage }
    }

    /// Bytes to upload (as stored, compressed where gzipped).
    public var uploadBytes: Int64 { uploads.reduce(0) { $0 + $1.object.size } }

    /// Bytes already in place.
    public var unchangedBytes: Int64 { unchanged.reduce(0) { $0 + $1.size } }
}

/// Why an object is uploaded.
public enum UploadReason: String, Sendable, Hashable, CaseIterable {
    /// The bucket does not have the key.
    case new = "new"
    /// The stored bytes differ (ETag, or our MD5 for multipart objects).
    case contentChanged = "content changed"
    /// Same bytes, other headers (Content-Type, Cache-Control, Content-Encoding).
    case headersChanged = "headers changed"
}

/// The order uploads go in, so a reader never meets a page whose images or stylesheet are not
/// there yet, nor a home page linking to a trip page not yet uploaded. Deletes go the other
/// way: listings and pages before what they show.
public enum PublishStage: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    /// Image derivatives, theme assets and any other file a page may reference.
    case assets
    /// Trip pages and other HTML pages.
    case pages
    /// What links to pages: the home page, feed, sitemap, 404 page and robots.txt.
    case listings

    /// The root files that list other pages.
    public static let listingPaths = OutputLayout.listingFiles
    /// The folders of the pages that list trips.
    public static let listingFolders = OutputLayout.listingFolders

    /// The stage of a site path.
    public static func of(_ path: String) -> PublishStage {
        if listingPaths.contains(path) { return .listings }
        if path.hasSuffix(".html") || path.hasSuffix(".xml"), listingFolders.contains(where: { path.hasPrefix($0) }) {
            return .listings
        }
        if path.hasSuffix(".html") || path.hasSuffix(".htm") { return .pages }
        return .assets
    }

    public static func < (a: PublishStage, b: PublishStage) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .assets: "media and assets"
        case .pages: "pages"
        case .listings: "listings"
        }
    }
}
