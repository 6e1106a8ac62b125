import Foundation

/// The one way `trip.json` is written and read, so that the same trip always gives the same bytes.
public enum TripJSON {
    /// Pretty, sorted keys, `/` unescaped, a final newline: stable and diff-friendly.
    public static func encode(_ trip: Trip) -> Data {
        Data(TripJSONWriter.encode(trip))  // the same bytes as `encoder`, written directly
    }

    /// Decodes a trip and checks what the types alone cannot (slug rule, ids present).
    /// ``TripJSONReader`` reads it when it can; `JSONDecoder` otherwise, and names what is wrong.
    public static func decode(_ data: Data) throws(TripJSONError) -> Trip {
        let trip: Trip
        if let read = TripJSONReader.trip(data) {
            trip = read
        } else {
            trip = try decodedByFoundation(data)
        }
        guard Slug.isValid(trip.slug) else {
            throw TripJSONError(field: "slug", reason: "\"\(trip.slug)\" does not match \(Slug.pattern)")
        }
        guard !trip.id.isEmpty else { throw TripJSONError(field: "id", reason: "is empty") }
        return trip
    }

    static func decodedByFoundation(_ data: Data) throws(TripJSONError) -> Trip {
        do {
            return try JSONDecoder().decode(Trip.self, from: data)
        } catch let error as DecodingError {
            throw TripJSONError(decoding: error)
        } catch {
            throw TripJSONError(field: nil, reason: String(describing: error))
        }
    }

    /// The reference layout ``TripJSONWriter`` reproduces (tests compare the two).
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// Why a `trip.json` could not be read: the field (a JSON path like `posts[3].timestamp`) and why.
public struct TripJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String?
    public var reason: String

    public init(field: String?, reason: String) {
        self.field = field
        self.reason = reason
    }

    init(decoding error: DecodingError) {
        func path(_ keys: [any CodingKey]) -> String {
            var out = ""
            for key in keys {
                if let index = key.intValue {
                    out += "[\(index)]"
                } else {
                    out += (out.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return out
        }
        switch error {
        case .typeMismatch(let type, let context):
            self.init(field: path(context.codingPath), reason: "expected \(type)")
        case .valueNotFound(let type, let context):
            self.init(field: path(context.codingPath), reason: "expected \(type), found null")
        case .keyNotFound(let key, let context):
            self.init(field: path(context.codingPath + [key]), reason: "is missing")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            let reason =
                context.underlyingError.map { "is not valid JSON (\($0.localizedDescription))" }
                ?? context.debugDescription
            self.init(field: field.isEmpty ? nil : field, reason: reason)
        @unknown default:
            self.init(field: nil, reason: String(describing: error))
        }
    }

    public var description: String {
        if let field { return "field \(field) \(reason)" }
        return reason
    }
}
