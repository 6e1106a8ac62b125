/// Something wrong with one trip, one row or one content file, named so it can be found and fixed.
/// Problems never stop the other trips. They name ids, slugs and fields, never a title or a text,
/// so a problem with a trip that just went private leaks nothing.
public struct ExtractProblem: Sendable, Equatable, CustomStringConvertible {
    /// How much was lost.
    public enum Severity: Sendable, Equatable {
        /// A value or a row was left out; the rest of the trip was written.
        case warning
        /// The trip (or the content file) was not written; what was there before stays.
        case error
    }

    public var severity: Severity
    /// The trip's id, when the problem is about one.
    public var tripId: String?
    /// The trip's slug, when it has one.
    public var slug: String?
    /// The row or file, e.g. `photo 6f1c…` or `Content/trips/kyoto/trip.json`.
    public var subject: String?
    public var reason: String

    public init(
        _ severity: Severity, tripId: String? = nil, slug: String? = nil, subject: String? = nil,
        reason: String
    ) {
        self.severity = severity
        self.tripId = tripId
        self.slug = slug
        self.subject = subject
        self.reason = reason
    }

    /// `trip 0b5e… (autumn-in-kyoto): photo 6f1c…: storage key climbs out of the media root; the photo is left out`
    public var description: String {
        var parts: [String] = []
        if let tripId { parts.append("trip \(tripId)" + (slug.map { " (\($0))" } ?? "")) }
        if let subject { parts.append(subject) }
        parts.append(reason)
        return parts.joined(separator: ": ")
    }
}
