import Foundation

/// Reads `trip.json` straight from its bytes into a ``Trip``: the fast path of
/// ``TripJSON/decode(_:)``, which a build takes for every trip (Foundation's `JSONDecoder` cost
/// 12 % of a 2,000-trip build, most of it dynamic casts).
///
/// It reads only what it is sure `JSONDecoder` reads the same way: well-formed JSON, each known
/// key at most once, integers without a fraction or exponent, finite numbers, valid UTF-8 and
/// escapes. On anything else (and on every error) it gives up with `nil`, and `JSONDecoder`
/// decides, with its own error naming the field. Unknown keys are skipped, as `JSONDecoder`
/// does, up to a nesting of 64.
enum TripJSONReader {
    static func trip(_ data: Data) -> Trip? {
        data.withUnsafeBytes { raw in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            do {
                let trip = try reader.trip()
                reader.skipWhitespace()
                return reader.isAtEnd ? trip : nil
            } catch {
                return nil
            }
        }
    }
}

/// Why the fast path gave up (never shown: `JSONDecoder` then says what is wrong).
private struct GiveUp: Error {}

private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var isAtEnd: Bool { index == bytes.count }

    // MARK: - The model

    mutating func trip() throws(GiveUp) -> Trip {
        var trip = Trip(id: "", slug: "", title: "")
        var seen = Seen()
        try object { (reader, key) throws(GiveUp) in
            switch key {
            case "id": try seen.mark(0); trip.id = try reader.string()
            case "slug": try seen.mark(1); trip.slug = try reader.string()
            case "title": try seen.mark(2); trip.title = try reader.string()
            case "description": try seen.mark(3); trip.description = try reader.optional { r throws(GiveUp) in try r.string() }
            case "startDate": try seen.mark(4); trip.startDate = try reader.optional { r throws(GiveUp) in try r.date() }
            case "endDate": try seen.mark(5); trip.endDate = try reader.optional { r throws(GiveUp) in try r.date() }
            case "status": try seen.mark(6); trip.status = try reader.raw(TripStatus.self)
            case "visibility": try seen.mark(7); trip.visibility = try reader.raw(TripVisibility.self)
            case "author": try seen.mark(8); trip.author = try reader.optional { r throws(GiveUp) in try r.string() }
            case "coverPhotoId": try seen.mark(9); trip.coverPhotoId = try reader.optional { r throws(GiveUp) in try r.string() }
            case "updatedAt": try seen.mark(10); trip.updatedAt = try reader.optional { r throws(GiveUp) in try r.timestamp() }
            case "destinations": try seen.mark(11); trip.destinations = try reader.array { r throws(GiveUp) in try r.destination() }
            case "posts": try seen.mark(12); trip.posts = try reader.array { r throws(GiveUp) in try r.post() }
            case "source": try seen.mark(13); trip.source = try reader.optional { r throws(GiveUp) in try r.source() }
            default: try reader.skipValue(depth: 0)
            }
        }
        try seen.check(required: [0, 1, 2, 6, 7, 11, 12])
        return trip
    }

    mutating func destination() throws(GiveUp) -> Destination {
        var destination = Destination(id: "", name: "")
        var seen = Seen()
        try object { (reader, key) throws(GiveUp) in
            switch key {
            case "id": try seen.mark(0); destination.id = try reader.string()
            case "name": try seen.mark(1); destination.name = try reader.string()
            case "countryCode": try seen.mark(2); destination.countryCode = try reader.optional { r throws(GiveUp) in try r.string() }
            case "latitude": try seen.mark(3); destination.latitude = try reader.optional { r throws(GiveUp) in try r.double() }
            case "longitude": try seen.mark(4); destination.longitude = try reader.optional { r throws(GiveUp) in try r.double() }
            case "arrivalDate": try seen.mark(5); destination.arrivalDate = try reader.optional { r throws(GiveUp) in try r.date() }
            case "departureDate": try seen.mark(6); destination.departureDate = try reader.optional { r throws(GiveUp) in try r.date() }
            case "position": try seen.mark(7); destination.position = try reader.int()
            default: try reader.skipValue(depth: 0)
            }
        }
        try seen.check(required: [0, 1, 7])
        return destination
    }

    mutating func post() throws(GiveUp) -> Post {
        var post = Post(id: "", timestamp: Timestamp(Date(timeIntervalSince1970: 0)))
        var seen = Seen()
        try object { (reader, key) throws(GiveUp) in
            switch key {
            case "id": try seen.mark(0); post.id = try reader.string()
            case "timestamp": try seen.mark(1); post.timestamp = try reader.timestamp()
            case "title": try seen.mark(2); post.title = try reader.optional { r throws(GiveUp) in try r.string() }
            case "content": try seen.mark(3); post.content = try reader.optional { r throws(GiveUp) in try r.string() }
            case "destinationId": try seen.mark(4); post.destinationId = try reader.optional { r throws(GiveUp) in try r.string() }
            case "latitude": try seen.mark(5); post.latitude = try reader.optional { r throws(GiveUp) in try r.double() }
            case "longitude": try seen.mark(6); post.longitude = try reader.optional { r throws(GiveUp) in try r.double() }
            case "photos": try seen.mark(7); post.photos = try reader.array { r throws(GiveUp) in try r.photo() }
            default: try reader.skipValue(depth: 0)
            }
        }
        try seen.check(required: [0, 1, 7])
        return post
    }

    mutating func photo() throws(GiveUp) -> Photo {
        var photo = Photo(id: "", storageKey: "")
        var seen = Seen()
        try object { (reader, key) throws(GiveUp) in
            switch key {
            case "id": try seen.mark(0); photo.id = try reader.string()
            case "storageKey": try seen.mark(1); photo.storageKey = try reader.string()
            case "contentType": try seen.mark(2); photo.contentType = try reader.optional { r throws(GiveUp) in try r.string() }
            case "sha256": try seen.mark(3); photo.sha256 = try reader.optional { r throws(GiveUp) in try r.string() }
            case "caption": try seen.mark(4); photo.caption = try reader.optional { r throws(GiveUp) in try r.string() }
            case "takenAt": try seen.mark(5); photo.takenAt = try reader.optional { r throws(GiveUp) in try r.timestamp() }
            case "width": try seen.mark(6); photo.width = try reader.optional { r throws(GiveUp) in try r.int() }
            case "height": try seen.mark(7); photo.height = try reader.optional { r throws(GiveUp) in try r.int() }
            case "position": try seen.mark(8); photo.position = try reader.int()
            default: try reader.skipValue(depth: 0)
            }
        }
        try seen.check(required: [0, 1, 8])
        return photo
    }

    mutating func source() throws(GiveUp) -> SourceStamp {
        var stamp = SourceStamp(updatedAt: nil, fingerprint: "")
        var seen = Seen()
        try object { (reader, key) throws(GiveUp) in
            switch key {
            case "updatedAt": try seen.mark(0); stamp.updatedAt = try reader.optional { r throws(GiveUp) in try r.timestamp() }
            case "fingerprint": try seen.mark(1); stamp.fingerprint = try reader.string()
            default: try reader.skipValue(depth: 0)
            }
        }
        try seen.check(required: [1])
        return stamp
    }

    /// The known keys of an object seen so far, one bit each: a repeated one gives up (which of
    /// two values `JSONDecoder` keeps is its business), and so does a missing required one.
    struct Seen {
        var bits: UInt32 = 0
        mutating func mark(_ bit: Int) throws(GiveUp) {
            guard bits & 1 << bit == 0 else { throw GiveUp() }
            bits |= 1 << bit
        }
        func check(required: [Int]) throws(GiveUp) {
            for bit in required where bits & 1 << bit == 0 { throw GiveUp() }
        }
    }

    // MARK: - Values

    mutating func optional<T>(_ read: (inout Reader) throws(GiveUp) -> T) throws(GiveUp) -> T? {
        skipWhitespace()
        if literal("null") { return nil }
        return try read(&self)
    }

    mutating func raw<T: RawRepresentable>(_: T.Type) throws(GiveUp) -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw GiveUp() }
        return value
    }

    mutating func date() throws(GiveUp) -> CalendarDate {
        guard let date = CalendarDate(try string()) else { throw GiveUp() }
        return date
    }

    mutating func timestamp() throws(GiveUp) -> Timestamp {
        guard let timestamp = Timestamp(try string()) else { throw GiveUp() }
        return timestamp
    }

    mutating func object(_ member: (inout Reader, String) throws(GiveUp) -> Void) throws(GiveUp) {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if peek == UInt8(ascii: "}") { index += 1; return }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            skipWhitespace()
            guard let next = peek else { throw GiveUp() }
            index += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw GiveUp() }
        }
    }

    mutating func array<T>(_ element: (inout Reader) throws(GiveUp) -> T) throws(GiveUp) -> [T] {
        try expect(UInt8(ascii: "["))
        var out: [T] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") { index += 1; return out }
        while true {
            skipWhitespace()
            out.append(try element(&self))
            skipWhitespace()
            guard let next = peek else { throw GiveUp() }
            index += 1
            if next == UInt8(ascii: "]") { return out }
            guard next == UInt8(ascii: ",") else { throw GiveUp() }
        }
    }

    mutating func skipValue(depth: Int) throws(GiveUp) {
        guard depth < 64 else { throw GiveUp() }
        skipWhitespace()
        switch peek {
        case UInt8(ascii: "{"):
            try object { (reader, _) throws(GiveUp) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            _ = try array { r throws(GiveUp) in try r.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): guard literal("true") else { throw GiveUp() }
        case UInt8(ascii: "f"): guard literal("false") else { throw GiveUp() }
        case UInt8(ascii: "n"): guard literal("null") else { throw GiveUp() }
        default: _ = try double()
        }
    }

    mutating func string() throws(GiveUp) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            guard bytes[index] >= 0x20 else { throw GiveUp() }
            index += 1
        }
        guard index < bytes.count else { throw GiveUp() }
        if bytes[index] == UInt8(ascii: "\"") {
            defer { index += 1 }
            guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self) else { throw GiveUp() }
            return text
        }
        var out = Array(bytes[start..<index])
        while true {
            guard index < bytes.count else { throw GiveUp() }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else { throw GiveUp() }
                return text
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw GiveUp() }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var value = try hex4()
                    if (0xD800...0xDBFF).contains(value) {
                        guard literal("\\u") else { throw GiveUp() }
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw GiveUp() }
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(value) else { throw GiveUp() }
                    UTF8.encode(scalar) { out.append($0) }
                default: throw GiveUp()
                }
            default:
                guard byte >= 0x20 else { throw GiveUp() }
                out.append(byte)
            }
        }
    }

    mutating func hex4() throws(GiveUp) -> UInt32 {
        guard index + 4 <= bytes.count else { throw GiveUp() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw GiveUp()
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// A JSON number, as its bytes: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func number() throws(GiveUp) -> (text: Slice<UnsafeBufferPointer<UInt8>>, isInteger: Bool) {
        skipWhitespace()
        let start = index
        func digits(_ reader: inout Reader) -> Int {
            let from = reader.index
            while reader.index < reader.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(reader.bytes[reader.index]) {
                reader.index += 1
            }
            return reader.index - from
        }
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") { index += 1 } else if digits(&self) == 0 { throw GiveUp() }
        var isInteger = true
        if peek == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard digits(&self) > 0 else { throw GiveUp() }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            isInteger = false
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw GiveUp() }
        }
        return (bytes[start..<index], isInteger)
    }

    mutating func double() throws(GiveUp) -> Double {
        let (text, _) = try number()
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { throw GiveUp() }
        return value
    }

    mutating func int() throws(GiveUp) -> Int {
        let (text, isInteger) = try number()
        guard isInteger, let value = Int(String(decoding: text, as: UTF8.self)) else { throw GiveUp() }
        return value
    }

    // MARK: - Bytes

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    mutating func expect(_ byte: UInt8) throws(GiveUp) {
        skipWhitespace()
        guard peek == byte else { throw GiveUp() }
        index += 1
    }

    /// Consumes `word` when the bytes start with it.
    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }
}
