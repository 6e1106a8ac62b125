import Foundation
import TabiCore

/// A file to keep in the ``StateStore``: its record name and bytes (a build file such as
/// `build/derivatives.json`).
public struct StateFile: Sendable, Hashable {
    /// The record's name in the store.
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }

    /// The hex MD5 of the bytes: the ETag S3 gives them.
    public var md5: String { ContentHash.md5(data) }
}
