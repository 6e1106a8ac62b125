import Foundation
import PostgresClient
import TabiCore

/// The trip's own row, decoded: everything of `trip.json` but its slug, rows and stamp.
struct TripHeader: Sendable {
    var id: String
    var title: String
    var description: String?
    var startDate: CalendarDate?
    var endDate: CalendarDate?
    var status: TripStatus
    var visibility: TripVisibility
    var coverPhotoId: String?
    var author: String?
    var updatedAt: Timestamp?
}

/// Turns the text of one trip's rows into model values. A value that cannot be used is left out
/// (a warning naming the trip, the row and the field); only a trip row that cannot be used stops
/// its trip, as an error.
struct SourceRows {
    let tripId: String
    private(set) var problems: [ExtractProblem] = []

    init(tripId: String) { self.tripId = tripId }

    // MARK: - Rows

    /// `SourceColumns.trip`; nil (with an error) when the trip cannot be written.
    mutating func trip(_ row: PostgresRow) -> TripHeader? {
        guard let statusText = row.string(5), let status = TripStatus(rawValue: statusText) else {
            problems.append(ExtractProblem(.error, tripId: tripId, subject: "field status",
                                           reason: "is not one of planning, ongoing, completed; the trip is not written"))
            return nil
        }
        guard let visibilityText = row.string(6), let visibility = TripVisibility(rawValue: visibilityText) else {
            problems.append(ExtractProblem(.error, tripId: tripId, subject: "field visibility",
                                           reason: "is neither public nor unlisted; the trip is not written"))
            return nil
        }
        let author = [row.string(8), row.string(9)].lazy.compactMap { $0?.trimmingWhitespace() }.first { !$0.isEmpty }
        return TripHeader(
            id: tripId, title: row.string(1) ?? "", description: row.string(2).flatMap(\.nonBlank),
            startDate: date(row, 3, "trip", "start_date"), endDate: date(row, 4, "trip", "end_date"),
            status: status, visibility: visibility, coverPhotoId: row.string(7), author: author,
            updatedAt: timestamp(row, 10, "trip", "updated_at"))
    }

    /// `SourceColumns.destination`
    mutating func destination(_ row: PostgresRow) -> (Destination, updatedAt: Timestamp?) {
        let id = row.string(1) ?? ""
        let subject = "destination \(id)"
        var countryCode = row.string(3)?.trimmingWhitespace().uppercased()
        if let code = countryCode, code.isEmpty { countryCode = nil }
        if let code = countryCode, !(code.utf8.count == 2 && code.utf8.allSatisfy({ (65...90).contains($0) })) {
            warn(subject, "field country_code \"\(code)\" is not two letters; it is left out")
            countryCode = nil
        }
        let destination = Destination(
            id: id, name: row.string(2) ?? "", countryCode: countryCode,
            latitude: coordinate(row, 4, limit: 90, subject, "latitude"),
            longitude: coordinate(row, 5, limit: 180, subject, "longitude"),
            arrivalDate: date(row, 6, subject, "arrival_date"), departureDate: date(row, 7, subject, "departure_date"),
            position: row.int(8) ?? 0)
        return (destination, timestamp(row, 9, subject, "updated_at"))
    }

    /// `SourceColumns.post`; nil when the post has no usable time (`infinity`, a BC date).
    mutating func post(_ row: PostgresRow) -> (Post, updatedAt: Timestamp?)? {
        let id = row.string(1) ?? ""
        let subject = "post \(id)"
        guard let time = timestamp(row, 2, subject, "timestamp", consequence: "the post is left out") else { return nil }
        let post = Post(id: id, timestamp: time, title: row.string(3), content: row.string(4),
                        destinationId: row.string(5),
                        latitude: coordinate(row, 6, limit: 90, subject, "latitude"),
                        longitude: coordinate(row, 7, limit: 180, subject, "longitude"))
        return (post, timestamp(row, 8, subject, "updated_at"))
    }

    /// `SourceColumns.photo`; nil when the photo cannot be found safely under the media root.
    mutating func photo(_ row: PostgresRow) -> (postId: String, photo: Photo)? {
        let id = row.string(2) ?? ""
        let subject = "photo \(id)"
        let key = row.string(3) ?? ""
        if let unsafe = StorageKey.problem(key) {
            warn(subject, "storage key \(unsafe); the photo is left out")
            return nil
        }
        var sha256 = row.string(5)?.lowercased()
        if let hex = sha256, !(hex.utf8.count == 64 && hex.utf8.allSatisfy(Self.isHexDigit)) {
            warn(subject, "field sha256 is not 64 hex digits; it is left out")
            sha256 = nil
        }
        let photo = Photo(id: id, storageKey: key, contentType: row.string(4).flatMap(\.nonBlank), sha256: sha256,
                          caption: row.string(6), takenAt: timestamp(row, 7, subject, "taken_at"),
                          width: size(row, 8, subject, "width"), height: size(row, 9, subject, "height"),
                          position: row.int(10) ?? 0)
        return (row.string(1) ?? "", photo)
    }

    // MARK: - Values

    private mutating func warn(_ subject: String, _ reason: String) {
        problems.append(ExtractProblem(.warning, tripId: tripId, subject: subject, reason: reason))
    }

    private mutating func date(_ row: PostgresRow, _ column: Int, _ subject: String, _ field: String) -> CalendarDate? {
        guard let text = row.string(column) else { return nil }
        guard let value = CalendarDate(text) else {
            warn(subject, "field \(field) \"\(text)\" is not a date between years 1 and 9999; it is left out")
            return nil
        }
        return value
    }

    private mutating func timestamp(_ row: PostgresRow, _ column: Int, _ subject: String, _ field: String,
                                    consequence: String = "it is left out") -> Timestamp? {
        guard let text = row.string(column) else { return nil }
        guard let value = Timestamp(text) else {
            warn(subject, "field \(field) \"\(text)\" is not an instant between years 1 and 9999; \(consequence)")
            return nil
        }
        return value
    }

    private mutating func coordinate(_ row: PostgresRow, _ column: Int, limit: Double, _ subject: String,
                                     _ field: String) -> Double? {
        guard let value = row.double(column) else { return nil }
        guard value.isFinite, abs(value) <= limit else {
            warn(subject, "field \(field) is not between -\(Int(limit)) and \(Int(limit)); it is left out")
            return nil
        }
        return value
    }

    private mutating func size(_ row: PostgresRow, _ column: Int, _ subject: String, _ field: String) -> Int? {
        guard let value = row.int(column) else { return nil }
        guard value > 0 else {
            warn(subject, "field \(field) is \(value), not a size in pixels; it is left out")
            return nil
        }
        return value
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (97...102).contains(byte)
    }
}

extension String {
    /// The text without leading and trailing white space.
    func trimmingWhitespace() -> String { trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The text, or nil when it is empty or only white space.
    var nonBlank: String? { allSatisfy(\.isWhitespace) ? nil : self }
}
