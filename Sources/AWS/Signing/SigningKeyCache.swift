import Concurrency
import Crypto
import Foundation

/// Derived SigV4 signing keys, kept per secret, day, region and service. A new day (or rotated
/// credentials) derives a new key; old entries are dropped once the cache holds a few.
final class SigningKeyCache: Sendable {
    private struct Scope: Hashable {
        var secret: String
        var day: String
        var region: String
        var service: String
    }

    private let keys = Locked([Scope: SymmetricKey]())

    func key(secret: String, day: String, region: String, service: String) -> SymmetricKey {
        let scope = Scope(secret: secret, day: day, region: region, service: service)
        return keys.withLock { keys in
            if let key = keys[scope] { return key }
            let key = Self.derive(scope)
            if keys.count >= 8 { keys.removeAll() }
            keys[scope] = key
            return key
        }
    }

    private static func derive(_ scope: Scope) -> SymmetricKey {
        func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)))
        }
        let dateKey = hmac(SymmetricKey(data: Data("AWS4\(scope.secret)".utf8)), scope.day)
        return hmac(hmac(hmac(dateKey, scope.region), scope.service), "aws4_request")
    }
}
