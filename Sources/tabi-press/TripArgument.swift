import ArgumentParser
import Foundation

/// `--trip` in every command: a trip's UUID (as the app and `trip.json` name it), in lower case.
/// A value that is not one is a command-line error like any other (exit 64), named with its option.
enum TripArgument {
    static let valueName = "uuid"

    static func uuid(_ text: String) throws -> String {
        guard let uuid = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError("not a trip id (a UUID like 0b5e2c1e-6c55-4a57-9a43-2f0d0e1e6a01)")
        }
        return uuid.uuidString.lowercased()
    }
}
