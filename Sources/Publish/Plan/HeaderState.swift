import Crypto
import Foundation
import TabiCore

/// The header state publish keeps in the bucket (`_tabi/publish/headers-<fingerprint>.json`):
/// every site path it stored with the hash of its headers under those rules.
///
/// Its key names the rules, so a listing alone tells whether the rules changed since the last
/// complete publish; only then is it read, to find which objects' headers differ.
public struct HeaderState: Codable, Sendable, Equatable {
    /// The layout version.
    public var format: Int
    /// The ``HeaderRules/fingerprint`` the headers were chosen by.
    public var rules: String
    /// Site path → ``ObjectHeaders/hash``.
    public var headers: [String: String]

    public init(rules: String, headers: [String: String]) {
        format = 1
        self.rules = rules
        self.headers = headers
    }

    /// The state after publishing `objects` under `rules`.
    public init(rules: HeaderRules, objects: [LocalObject]) {
        self.init(rules: rules.fingerprint, headers: Dictionary(objects.map { ($0.path, $0.headers.hash) }) { $1 })
    }

    /// Sorted-key JSON with a final newline: the same state always gives the same bytes.
    public var data: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    /// The hex MD5 of ``data``: the ETag S3 gives it.
    public var md5: String { ContentHash.hex(Insecure.MD5.hash(data: data)) }

    /// Reads a stored state; `nil` when it is not one.
    public init?(data: Data) {
        guard let state = try? JSONDecoder().decode(HeaderState.self, from: data), state.format == 1 else { return nil }
        self = state
    }
}
