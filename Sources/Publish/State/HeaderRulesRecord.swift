import Foundation
import TabiCore

/// The header rules the site's objects were stored with, kept beside the site
/// (`<prefix>_tabi/publish/rules-<fingerprint>.json`): the rules themselves, no path.
///
/// Its key names the rules, so the listing alone tells whether they changed since the last
/// complete publish. Only then is the old record read: the headers each local path had under
/// the old rules are worked out locally, so neither a list of paths nor a HEAD per object is
/// needed to find the objects whose headers differ. The rules come from `tabi.yml`
/// (`publish.gzip`, `publish.headers`): anyone can read them here, as they can read the headers.
public struct HeaderRulesRecord: Codable, Sendable, Equatable {
    /// The layout version.
    public var format: Int
    /// ``HeaderRules/fingerprint`` of the rules (it covers the built-in rules' version).
    public var fingerprint: String
    /// `publish.gzip`.
    public var gzip: Bool
    /// `publish.headers`, in order.
    public var headers: [PublishHeaderRule]

    /// The record of `rules`.
    public init(rules: HeaderRules) {
        format = 1
        fingerprint = rules.fingerprint
        gzip = rules.gzipByDefault
        headers = rules.configured.map(\.rule)
    }

    /// The site path of the record of rules with `fingerprint`.
    public static func path(fingerprint: String) -> String {
        PublishKeys.reservedStateFolder + "rules-\(fingerprint).json"
    }

    /// Whether `path` (site-relative) is a rules record, of any rules.
    public static func isRecord(_ path: String) -> Bool {
        path.hasPrefix(PublishKeys.reservedStateFolder + "rules-") && path.hasSuffix(".json")
    }

    /// The rules again; `nil` when this version of publish would not give them the same
    /// fingerprint (other built-in rules), as the headers they chose cannot be worked out then.
    public var rules: HeaderRules? {
        let settings = PublishSettings(maxDeletes: PublishSettings.defaults.maxDeletes, gzip: gzip, headers: headers)
        guard let rules = try? HeaderRules(settings: settings), rules.fingerprint == fingerprint else { return nil }
        return rules
    }

    /// Sorted-key JSON with a final newline: the same rules always give the same bytes.
    public var data: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    /// The hex MD5 of ``data``: the ETag S3 gives it.
    public var md5: String { ContentHash.md5(data) }

    /// Reads a stored record; `nil` when it is not one.
    public init?(data: Data) {
        guard let record = try? JSONDecoder().decode(HeaderRulesRecord.self, from: data), record.format == 1 else { return nil }
        self = record
    }
}

/// The header state of earlier versions (`_tabi/publish/headers-<fingerprint>.json`): every
/// site path with the hash of its headers, readable by anyone. Read once, when the rules
/// changed, to spare the HEADs; deleted by the next publish.
struct LegacyHeaderState: Decodable {
    var format: Int
    var rules: String
    /// Site path → ``ObjectHeaders/hash``.
    var headers: [String: String]

    init?(data: Data) {
        guard let state = try? JSONDecoder().decode(LegacyHeaderState.self, from: data), state.format == 1 else { return nil }
        self = state
    }

    /// Whether `path` (site-relative) is one, of any rules.
    static func isState(_ path: String) -> Bool {
        path.hasPrefix(PublishKeys.reservedStateFolder + "headers-") && path.hasSuffix(".json")
    }

    /// The site path of the state of rules with `fingerprint`.
    static func path(fingerprint: String) -> String {
        PublishKeys.reservedStateFolder + "headers-\(fingerprint).json"
    }
}
