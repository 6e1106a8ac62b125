import Foundation
import TabiCore

/// A trip's route drawn as inline SVG from its destinations' coordinates: the stops in the
/// app's order, numbered as the list beside it, joined by a line; no tile server, no script.
/// Coordinates are rounded to a tenth of a degree (about 11 km) before they are drawn, and only
/// the drawing's own numbers reach the page: never a latitude or longitude.
struct RouteMapView {
    let width: Int
    let height: Int
    /// `x,y x,y …` for the polyline.
    let points: String
    let stops: [RouteStopView]
    /// The SVG's title: the places in order.
    let title: String

    static let width = 640, height = 360, margin = 28

    /// Nil with fewer than two destinations that have coordinates.
    init?(_ destinations: [Destination], words: SiteWords) {
        let located = destinations.compactMap { destination -> (name: String, lat: Double, lon: Double)? in
            guard let lat = destination.latitude, let lon = destination.longitude, lat.isFinite, lon.isFinite,
                abs(lat) <= 90, abs(lon) <= 180, let name = PlainText.clean(destination.name)
            else { return nil }
            return (name, (lat * 10).rounded() / 10, (lon * 10).rounded() / 10)
        }
        guard located.count >= 2 else { return nil }
        // Equirectangular, scaled by the cosine of the middle latitude, fitted to the box.
        let latitudes = located.map { $0.lat }
        let middle = (latitudes.min()! + latitudes.max()!) / 2
        let scale = cos(middle * .pi / 180)
        let xs = located.map { $0.lon * scale }, ys = located.map { -$0.lat }
        let spanX = max(xs.max()! - xs.min()!, 0.05), spanY = max(ys.max()! - ys.min()!, 0.05)
        let inner = (Double(Self.width - 2 * Self.margin), Double(Self.height - 2 * Self.margin))
        let factor = min(inner.0 / spanX, inner.1 / spanY)
        let offsetX = (Double(Self.width) - spanX * factor) / 2, offsetY = (Double(Self.height) - spanY * factor) / 2
        let placed = zip(xs, ys).map { x, y in
            (Int(((x - xs.min()!) * factor + offsetX).rounded()), Int(((y - ys.min()!) * factor + offsetY).rounded()))
        }
        width = Self.width
        height = Self.height
        points = placed.map { "\($0.0),\($0.1)" }.joined(separator: " ")
        stops = placed.enumerated().map { RouteStopView(number: $0.offset + 1, x: $0.element.0, y: $0.element.1) }
        title = words("route_title", ["places": located.map { $0.name }.joined(separator: " → ")])
    }
}

/// One numbered stop on the map.
struct RouteStopView {
    let number: Int
    let x: Int
    let y: Int
    /// Where its number is written: centred on the dot.
    let labelY: Int

    init(number: Int, x: Int, y: Int) {
        self.number = number
        self.x = x
        self.y = y
        labelY = y + 4
    }
}

/// What a trip adds up to: days, places, countries and the distance between its stops.
enum TripStats {
    /// `8 days · 5 places · 2 countries · about 620 km`; nil when nothing is known.
    static func line(trip: Trip, destinations: [Destination], words: SiteWords) -> String? {
        var parts: [String] = []
        if let start = trip.startDate, let end = trip.endDate, let days = days(from: start, to: end), days > 0 {
            parts.append(words.count("day_count", days))
        }
        let places = destinations.compactMap { PlainText.clean($0.name) }.count
        if places > 0 { parts.append(words.count("place_count", places)) }
        let countries = Set(destinations.compactMap { $0.countryCode?.uppercased() }).count
        if countries > 0 { parts.append(words.count("country_count", countries)) }
        if let kilometres = distance(destinations), kilometres >= 10 {
            parts.append(words("distance", ["km": String(Int((kilometres / 10).rounded()) * 10)]))
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// Days from the first to the last, both counted.
    static func days(from start: CalendarDate, to end: CalendarDate) -> Int? {
        let between = end.daysSince1970 - start.daysSince1970
        return between >= 0 ? between + 1 : nil
    }

    /// Great-circle kilometres from stop to stop, in order; nil with fewer than two located stops.
    static func distance(_ destinations: [Destination]) -> Double? {
        let located = destinations.compactMap { d -> (Double, Double)? in
            guard let lat = d.latitude, let lon = d.longitude, lat.isFinite, lon.isFinite else { return nil }
            return (lat * .pi / 180, lon * .pi / 180)
        }
        guard located.count >= 2 else { return nil }
        return zip(located, located.dropFirst()).reduce(0) { total, pair in
            let ((lat1, lon1), (lat2, lon2)) = pair
            let a = pow(sin((lat2 - lat1) / 2), 2) + cos(lat1) * cos(lat2) * pow(sin((lon2 - lon1) / 2), 2)
            return total + 2 * 6371 * asin(min(1, sqrt(a)))
        }
    }
}
