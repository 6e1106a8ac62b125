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

/// Turns the text of one trip's rows into model values (posts and photos straight into
/// `trip.json` text: ``post(_:into:)``, ``photo(_:to:into:)``). A value that cannot be used is left
/// out (a warning naming the trip, the row and the field); only a trip row that cannot be used
/// stops its trip, as an error.
struct SourceRows {
    let tripId: String
    private(set) var problems: [ExtractProblem] = []

    init(tripId: String) { self.tripId = tripId }

    // MARK: - Rows

    /// `SourceColumns.trip`; nil (with an error) when the trip cannot be written.
    mutating func trip(_ row: PostgresRow) -> TripHeader? {
        guard let statusText = row.string(5), let status = TripStatus(rawValue: statusText) else {
            problems.append(
                ExtractProblem(
                    .error, tripId: tripId, subject: "field status",
                    reason: "is not one of planning, ongoing, completed; the trip is not written"))
            return nil
        }
        guard let visibilityText = row.string(6), let visibility = TripVisibility(rawValue: visibilityText) else {
            problems.append(
                ExtractProblem(
                    .error, tripId: tripId, subject: "field visibility",
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
        let name = RowName("destination", row, idColumn: 1)
        var countryCode = row.string(3)?.trimmingWhitespace().uppercased()
        if let code = countryCode, code.isEmpty { countryCode = nil }
        if let code = countryCode, !(code.utf8.count == 2 && code.utf8.allSatisfy({ (65...90).contains($0) })) {
            warn(name, "field country_code \"\(code)\" is not two letters; it is left out")
            countryCode = nil
        }
        let destination = Destination(
            id: row.string(1) ?? "", name: row.string(2) ?? "", countryCode: countryCode,
            latitude: coordinate(row, 4, limit: 90, name, "latitude"),
            longitude: coordinate(row, 5, limit: 180, name, "longitude"),
            arrivalDate: date(row, 6, name, "arrival_date"), departureDate: date(row, 7, name, "departure_date"),
            position: row.int(8) ?? 0)
        return (destination, timestamp(row, 9, name, "updated_at"))
    }

    // MARK: - Values

    /// A row named in a warning (`photo 6f1c…`, its kind and id), made into text only when there
    /// is one.
    struct RowName {
        let kind: StaticString
        /// The row and its id's column; none for the trip's own row, named `trip` alone (the
        /// trip's id starts every problem).
        let row: PostgresRow?
        let idColumn: Int

        static let trip = RowName("trip", nil, idColumn: 0)

        init(_ kind: StaticString, _ row: PostgresRow?, idColumn: Int) {
            self.kind = kind
            self.row = row
            self.idColumn = idColumn
        }

        var description: String { row.map { "\(kind) \($0.string(idColumn) ?? "")" } ?? "\(kind)" }
    }

    mutating func warn(_ name: RowName, _ reason: String) {
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

    mutating func timestamp(
        _ row: PostgresRow, _ column: Int, _ name: RowName, _ field: String,
        consequence: String = "it is left out"
    ) -> Timestamp? {
        guard let parsed = row.withBytes(column, Timestamp.init(utf8:)) else { return nil }
        guard let value = parsed else {
            warn(name, "field \(field) \"\(row.string(column) ?? "")\" is not an instant between years 1 and 9999; \(consequence)")
            return nil
        }
        return value
    }

    mutating func coordinate(
        _ row: PostgresRow, _ column: Int, limit: Double, _ name: RowName,
        _ field: String
    ) -> Double? {
        guard let value = row.double(column) else { return nil }
        guard value.isFinite, abs(value) <= limit else {
            warn(name, "field \(field) is not between -\(Int(limit)) and \(Int(limit)); it is left out")
            return nil
        }
        return value
    }

    mutating func size(_ row: PostgresRow, _ column: Int, _ name: RowName, _ field: String) -> Int? {
        guard let value = row.int(column) else { return nil }
        guard value > 0 else {
            warn(name, "field \(field) is \(value), not a size in pixels; it is left out")
            return nil
        }
        return value
    }
}

extension String {
    /// The text without leading and trailing white space.
    func trimmingWhitespace() -> String { trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The text, or nil when it is empty or only white space.
    var nonBlank: String? { allSatisfy(\.isWhitespace) ? nil : self }
}
