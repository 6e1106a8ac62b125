import Foundation
import TabiCore

/// Lower-case hex SHA-256 of `data`.
func sha256Hex(_ data: some DataProtocol) -> String { ContentHash.sha256(data) }
