import Crypto
import Foundation
import TabiCore

/// Hex MD5s for expectations.
enum ContentDigest {
    static func md5(_ data: some DataProtocol) -> String { ContentHash.hex(Insecure.MD5.hash(data: data)) }
    static func md5(_ text: String) -> String { md5(Data(text.utf8)) }
}
