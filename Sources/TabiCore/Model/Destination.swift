/// A place on a trip (the app's `destinations` row).
public struct Destination: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    /// ISO 3166-1 alpha-2, upper case, when the app knows it.
    public var countryCode: String?
    public var latitude: Double?
    public var longitude: Double?
    public var arrivalDate: CalendarDate?
    public var departureDate: CalendarDate?
    /// The app's ordering of destinations within the trip.
    public var position: Int

    public init(
        id: String, name: String, countryCode: String? = nil, latitude: Double? = nil,
        longitude: Double? = nil, arrivalDate: CalendarDate? = nil,
        departureDate: CalendarDate? = nil, position: Int = 0
    ) {
        self.id = id
        self.name = name
        self.countryCode = countryCode
        self.latitude = latitude
        self.longitude = longitude
        self.arrivalDate = arrivalDate
        self.departureDate = departureDate
        self.position = position
    }
}
