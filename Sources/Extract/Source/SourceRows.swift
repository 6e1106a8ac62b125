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
            startDate: date(row, 3, .trip, "start_date"), endDate: date(row, 4, .trip, "end_date"),
            status: status, visibility: visibility, coverPhotoId: row.string(7), author: author,
            updatedAt: timestamp(row, 10, .trip, "updated_at"))
    }

    /// `SourceColumns.destination`
    mutating func destination(_ row: PostgresRow) -> (Destination, updatedAt: Timestamp?) {
        let name = RowName("destination", row.string(1) ?? "")
        var countryCode = row.string(3)?.trimmingWhitespace().uppercased()
        if let code = countryCode, code.isEmpty { countryCode = nil }
        if let code = countryCode, !(code.utf8.count == 2 && code.utf8.allSatisfy({ (65...90).contains($0) })) {
            warn(name, "field country_code \"\(code)\" is not two letters; it is left out")
            countryCode = nil
        }
        let destination = Destination(
            id: name.id, name: row.string(2) ?? "", countryCode: countryCode,
            latitude: coordinate(row, 4, limit: 90, name, "latitude"),
            longitude: coordinate(row, 5, limit: 180, name, "longitude"),
            arrivalDate: date(row, 6, name, "arrival_date"), departureDate: date(row, 7, name, "departure_date"),
            position: row.int(8) ?? 0)
        return (destination, timestamp(row, 9, name, "updated_at"))
    }

    /// `SourceColumns.post`; nil when the post has no usable time (`infinity`, a BC date).
    mutating func post(_ row: PostgresRow) -> (Post, updatedAt: Timestamp?)? {
        let name = RowName("post", row.string(1) ?? "")
        guard let time = timestamp(row, 2, name, "timestamp", consequence: "the post is left out") else { return nil }
        let post = Post(id: name.id, timestamp: time, title: row.string(3), content: row.string(4),
                        destinationId: row.string(5),
                        latitude: coordinate(row, 6, limit: 90, name, "latitude"),
                        longitude: coordinate(row, 7, limit: 180, name, "longitude"))
        return (post, timestamp(row, 8, name, "updated_at"))
    }

    /// `SourceColumns.photo` (its post is the caller's); nil when the photo cannot be found safely
    /// under the media root. Runs for every photo, so values are checked on their bytes before
    /// strings are made of them.
    mutating func photo(_ row: PostgresRow) -> Photo? {
        let name = RowName("photo", row.string(2) ?? "")
        if let unsafe = row.withBytes(3, StorageKey.problem) ?? StorageKey.problem(UnsafeBufferPointer(start: nil, count: 0)) {
            warn(name, "storage key \(unsafe); the photo is left out")
            return nil
        }
        var sha256: String?
        if let hex = row.withBytes(5, Self.lowerCaseSHA256) {
            sha256 = hex
            if hex == nil { warn(name, "field sha256 is not 64 hex digits; it is left out") }
        }
        return Photo(id: name.id, storageKey: row.string(3) ?? "", contentType: nonBlank(row, 4), sha256: sha256,
                     caption: row.string(6), takenAt: timestamp(row, 7, name, "taken_at"),
                     width: size(row, 8, name, "width"), height: size(row, 9, name, "height"),
                     position: row.int(10) ?? 0)
    }

    // MARK: - Values

    /// A row named in a warning (`photo 6f1c…`), made into text only when there is one.
    struct RowName {
        let kind: StaticString
        let id: String
        private var showsId = true
        /// The trip's own row is named `trip` alone: the trip's id starts every problem.
        static let trip = RowName("trip", "", showsId: false)

        init(_ kind: StaticString, _ id: String, showsId: Bool = true) {
            self.kind = kind
            self.id = id
            self.showsId = showsId
        }

        var description: String { showsId ? "\(kind) \(id)" : "\(kind)" }
    }

    private mutating func warn(_ name: RowName, _ reason: String) {
        problems.append(ExtractProblem(.warning, tripId: tripId, subject: name.description, reason: reason))
    }

    private mutating func date(_ row: PostgresRow, _ column: Int, _ name: RowName, _ field: String) -> CalendarDate? {
        guard let text = row.string(column) else { return nil }
        guard let value = CalendarDate(text) else {
            warn(name, "field \(field) \"\(text)\" is not a date between years 1 and 9999; it is left out")
            return nil
        }
        return value
    }

    private mutating func timestamp(_ row: PostgresRow, _ column: Int, _ name: RowName, _ field: String,
                                    consequence: String = "it is left out") -> Timestamp? {
        guard let parsed = row.withBytes(column, Timestamp.init(utf8:)) else { return nil }
        guard let value = parsed else {
            warn(name, "field \(field) \"\(row.string(column) ?? "")\" is not an instant between years 1 and 9999; \(consequence)")
            return nil
        }
        return value
    }

    private mutating func coordinate(_ row: PostgresRow, _ column: Int, limit: Double, _ name: RowName,
                                     _ field: String) -> Double? {
        guard let value = row.double(column) else { return nil }
        guard value.isFinite, abs(value) <= limit else {
            warn(name, "field \(field) is not between -\(Int(limit)) and \(Int(limit)); it is left out")
            return nil
        }
        return value
    }

    private mutating func size(_ row: PostgresRow, _ column: Int, _ name: RowName, _ field: String) -> Int? {
        guard let value = row.int(column) else { return nil }
        guard value > 0 else {
            warn(name, "field \(field) is \(value), not a size in pixels; it is left out")
            return nil
        }
        return value
    }

    /// The column's text, or nil when it is NULL, empty or only white space.
    private func nonBlank(_ row: PostgresRow, _ column: Int) -> String? {
        // Any visible ASCII character settles it without looking at the text as characters.
        guard let visible = row.withBytes(column, { $0.contains { (0x21...0x7E).contains($0) } }) else { return nil }
        return visible ? row.string(column) : row.string(column).flatMap(\.nonBlank)
    }

    /// 64 hex digits, in lower case; nil when the text is not that.
    private static func lowerCaseSHA256(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count == 64 else { return nil }
        var upper = false
        for byte in bytes {
            switch byte {
            case 48...57, 97...102: continue
            case 65...70: upper = true
            default: return nil
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return upper ? text.lowercased() : text
    }
}

extension String {
    /// The text without leading and trailing white space.
    func trimmingWhitespace() -> String { trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The text, or nil when it is empty or only white space.
    var nonBlank: String? { allSatisfy(\.isWhitespace) ? nil : self }
}
