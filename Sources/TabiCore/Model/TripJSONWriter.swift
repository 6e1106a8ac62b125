/// Writes the bytes of `trip.json` directly: exactly what `JSONEncoder` with `.prettyPrinted`,
/// `.sortedKeys` and `.withoutEscapingSlashes` gives (a test compares the two over many trips), at a
/// fraction of its cost, which dominated extracting thousands of trips.
///
/// Keys are written in sorted order by hand: a field added to the model must be added here too
/// (the round-trip test fails until it is).
struct TripJSONWriter {
    private var out: [UInt8] = []
    private var depth = 0
    /// Per open object or array: whether it has no member yet.
    private var empty: [Bool] = []

    /// The trip as `trip.json` bytes, with the final newline.
    static func encode(_ trip: Trip) -> [UInt8] {
        var writer = TripJSONWriter()
        writer.out.reserveCapacity(4096 + trip.posts.count * 1024)
        writer.write(trip)
        writer.out.append(UInt8(ascii: "\n"))
        return writer.out
    }

    // MARK: - The model, keys in sorted order

    private mutating func write(_ trip: Trip) {
        open("{")
        field("author", trip.author)
        field("coverPhotoId", trip.coverPhotoId)
        field("description", trip.description)
        key("destinations"); array(trip.destinations) { $0.write($1) }
        field("endDate", trip.endDate)
        field("id", trip.id)
        key("posts"); array(trip.posts) { $0.write($1) }
        field("slug", trip.slug)
        if let source = trip.source {
            key("source")
            open("{")
            field("fingerprint", source.fingerprint)
            field("updatedAt", source.updatedAt?.description)
            close("}")
        }
        field("startDate", trip.startDate)
        field("status", trip.status.rawValue)
        field("title", trip.title)
        field("updatedAt", trip.updatedAt?.description)
        field("visibility", trip.visibility.rawValue)
        close("}")
    }

    private mutating func write(_ destination: Destination) {
        open("{")
        field("arrivalDate", destination.arrivalDate)
        field("countryCode", destination.countryCode)
        field("departureDate", destination.departureDate)
        field("id", destination.id)
        field("latitude", destination.latitude)
        field("longitude", destination.longitude)
        field("name", destination.name)
        field("position", destination.position)
        close("}")
    }

    private mutating func write(_ post: Post) {
        open("{")
        field("content", post.content)
        field("destinationId", post.destinationId)
        field("id", post.id)
        field("latitude", post.latitude)
        field("longitude", post.longitude)
        key("photos"); array(post.photos) { $0.write($1) }
        field("timestamp", post.timestamp.description)
        field("title", post.title)
        close("}")
    }

    private mutating func write(_ photo: Photo) {
        open("{")
        field("caption", photo.caption)
        field("contentType", photo.contentType)
        field("height", photo.height)
        field("id", photo.id)
        field("position", photo.position)
        field("sha256", photo.sha256)
        field("storageKey", photo.storageKey)
        field("takenAt", photo.takenAt?.description)
        field("width", photo.width)
        close("}")
    }

    // MARK: - JSON, as JSONEncoder lays it out

    private mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// `"YYYY-MM-DD"`, as ``CalendarDate/description`` gives it, without `String(format:)`.
    private mutating func field(_ name: StaticString, _ value: CalendarDate?) {
        guard let value else { return }
        key(name)
        out.append(UInt8(ascii: "\""))
        digits(value.year, divisor: 1000)
        out.append(UInt8(ascii: "-"))
        digits(value.month, divisor: 10)
        out.append(UInt8(ascii: "-"))
        digits(value.day, divisor: 10)
        out.append(UInt8(ascii: "\""))
    }

    /// `number` zero-padded to as many digits as `divisor` has plus one.
    private mutating func digits(_ number: Int, divisor: Int) {
        var divisor = divisor
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(number / divisor % 10))
            divisor /= 10
        }
    }

    private mutating func field(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        out.append(contentsOf: String(value).utf8)
    }

    /// Doubles as `JSONEncoder` prints them: Swift's shortest form without a trailing `.0`.
    /// A value JSON cannot hold (NaN, infinity) is written as `null`, which reads back as absent.
    private mutating func field(_ name: StaticString, _ value: Double?) {
        guard let value else { return }
        key(name)
        guard value.isFinite else { out.append(contentsOf: "null".utf8); return }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    private mutating func array<T>(_ items: [T], _ element: (inout TripJSONWriter, T) -> Void) {
        open("[")
        for item in items {
            member()
            element(&self, item)
        }
        close("]")
    }

    private mutating func key(_ name: StaticString) {
        member()
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        out.append(contentsOf: "\" : ".utf8)
    }

    /// A new line (after a comma unless it is the first) and the indentation of a member.
    private mutating func member() {
        if empty[empty.count - 1] { empty[empty.count - 1] = false } else { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "\n"))
        indent()
    }

    private mutating func open(_ bracket: Unicode.Scalar) {
        out.append(UInt8(ascii: bracket))
        depth += 1
        empty.append(true)
    }

    /// `JSONEncoder` closes an empty array or object on a line of its own after a blank one.
    private mutating func close(_ bracket: Unicode.Scalar) {
        depth -= 1
        if empty.removeLast() { out.append(UInt8(ascii: "\n")) }
        out.append(UInt8(ascii: "\n"))
        indent()
        out.append(UInt8(ascii: bracket))
    }

    private mutating func indent() {
        var width = 2 * depth
        while width > 0 {
            let run = min(width, Self.spaces.count)
            out.append(contentsOf: Self.spaces[0..<run])
            width -= run
        }
    }

    /// More than the deepest member needs (`posts[].photos[].key` is at depth 5).
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 16)

    private mutating func string(_ text: String) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Copy runs of bytes that need no escaping in one go; most text is one run.
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                            Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0x0F)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hex = Array("0123456789abcdef".utf8)
}
