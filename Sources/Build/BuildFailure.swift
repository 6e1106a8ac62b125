/// Something the build could not use: a trip, a story or a photo, named so a person can fix it.
/// A failure never stops the other trips and photos; it makes the build exit with code 1.
public struct BuildFailure: Sendable, Equatable, CustomStringConvertible {
    /// The trip it is about, when known.
    public var trip: String?
    /// The file that is wrong (a path), when there is one.
    public var file: String?
    /// One sentence: what is wrong, naming the field when there is one.
    public var reason: String

    public init(trip: String?, file: String?, reason: String) {
        self.trip = trip
        self.file = file
        self.reason = reason
    }

    public var description: String {
        var parts: [String] = []
        if let trip { parts.append("trip \(trip)") }
        if let file { parts.append(file) }
        return (parts.isEmpty ? "" : parts.joined(separator: ", ") + ": ") + reason
    }
}
