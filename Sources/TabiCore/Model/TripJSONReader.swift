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
        JSONBytesReader.read(data) { reader throws(JSONGiveUp) in try reader.trip() }
    }
}

extension JSONBytesReader {
    // MARK: - The model

    mutating func trip() throws(JSONGiveUp) -> Trip {
        var trip = Trip(id: "", slug: "", title: "")
        var seen = Seen()
        try object { (reader, key) throws(JSONGiveUp) in
            switch key {
            case "id": try seen.mark(0); trip.id = try reader.string()
            case "slug": try seen.mark(1); trip.slug = try reader.string()
            case "title": try seen.mark(2); trip.title = try reader.string()
            case "description": try seen.mark(3); trip.description = try reader.optional { r throws(JSONGiveUp) in try r.string() }
            case "startDate": try seen.mark(4); trip.startDate = try reader.optional { r throws(JSONGiveUp) in try r.date() }
            case "endDate": try seen.mark(5); trip.endDate = try reader.optional { r throws(JSONGiveUp) in try r.date() }
            case "status": try seen.mark(6); trip.status = try reader.raw(TripStatus.self)
            case "visibility": try seen.mark(7); trip.visibility = try reader.raw(TripVisibility.self)
            case "author": try seen.mark(8); trip.author = try reader.optional { r throws(JSONGiveUp) in try r.string() }
            case "coverPhotoId": try seen.mark(9); trip.coverPhotoId = try reader.optional { r throws(JSONGiveUp) in try r.string() }
            case "updatedAt": try seen.mark(10); trip.updatedAt = try reader.optional { r throws(JSONGiveUp) in try r.timestamp() }
            case "destinations": try seen.mark(11); trip.destinations = try reader.array { r throws(JSONGiveUp) in try r.destination() }
            case "posts": try seen.mark(12); trip.posts = try reader.array { r throws(JSONGiveUp) in try r.post() }
            case "source": try seen.mark(13); trip.source = try reader.optional { r throws(JSONGiveUp) in try r.source() }
            default: try reader.skipValue(depth: 0)
            }
        }
        try seen.check(required: [0, 1, 2, 6, 7, 11, 12])
        return trip
    }

    mutating func destination() throws(JSONGiveUp) -> Destination {
        var destination = Destination(id: "", name: "")
        var seen = Seen()
        try object { (reader, key) throws(JSONGiveUp) in
            switch key {
            case "id": try seen.mark(0); destination.id = try reader.string()
            case "name": try seen.mark(1); destination.name = try reader.string()
            case "countryCode": try seen.mark(2); destination.countryCode = try reader.optional { r throws(JSONGiveUp) in try r.string() }
            case "latitude": try seen.mark(3); destination.latitude = try reader.optional { r throws(JSONGiveUp) in try r.double() }
            case "longitude": try seen.mark(4); destination.longitude = try reader.optional { r throws(JSONGiveUp) in try r.double() }
            case "arrivalDate": try seen.mark(5); destination.arrivalDate = try reader.optional { r throws(JSONGiveUp) in try r.date() }
            case "departureDate": try seen.mark(6); destination.departureDate = try reader.optional { r throws(JSONGiveUp) in try r.date() }
            case "position": try seen.mark(7); destination.position = try reader.int()
            default: try reader.skipValue(depth: 0)
            }
        }
        try seen.check(required: [0, 1, 7])
        return destination
    }

    mutating func post() throws(JSONGiveUp) -> Post {
        var post = Post(id: "", timestamp: Timestamp(Date(timeIntervalSince1970: 0)))
        var seen = Seen()
        try object { (reader, key) throws(JSONGiveUp) in
            switch key {
            case "id": try seen.mark(0); post.id = try reader.string()
            case "timestamp": try seen.mark(1); post.timestamp = try reader.timestamp()
            case "title": try seen.mark(2); post.title = try reader.optional { r throws(JSONGiveUp) in try r.string() }
            case "content": try seen.mark(3); post.content = try reader.optional { r throws(JSONGiveUp) in try r.string() }
            case "destinationId": try seen.mark(4); post.destinationId = try reader.optional { r throws(JSONGiveUp) in try r.string() }
            case "latitude": try seen.mark(5); post.latitude = try reader.optional { r throws(JSONGiveUp) in try r.double() }
            case "longitude": try seen.mark(6); post.longitude = try reader.optional { r throws(JSONGiveUp) in try r.double() }
            case "photos": try seen.mark(7); post.photos = try reader.array { r throws(JSONGiveUp) in try r.photo() }
            default: try reader.skipValue(depth: 0)
            }
        }
        try seen.check(required: [0, 1, 7])
        return post
    }

    mutating func photo() throws(JSONGiveUp) -> Photo {
        var photo = Photo(id: "", storageKey: "")
        var seen = Seen()
        try object { (reader, key) throws(JSONGiveUp) in
            switch key {
            case "id": try seen.mark(0); photo.id = try reader.string()
            case "storageKey": try seen.mark(1); photo.storageKey = try reader.string()
            case "contentType": try seen.mark(2); photo.contentType = try reader.optional { r throws(JSONGiveUp) in try r.string() }
            case "sha256": try seen.mark(3); photo.sha256 = try reader.optional { r throws(JSONGiveUp) in try r.string() }
            case "caption": try seen.mark(4); photo.caption = try reader.optional { r throws(JSONGiveUp) in try r.string() }
            case "takenAt": try seen.mark(5); photo.takenAt = try reader.optional { r throws(JSONGiveUp) in try r.timestamp() }
            case "width": try seen.mark(6); photo.width = try reader.optional { r throws(JSONGiveUp) in try r.int() }
            case "height": try seen.mark(7); photo.height = try reader.optional { r throws(JSONGiveUp) in try r.int() }
            case "position": try seen.mark(8); photo.position = try reader.int()
            default: try reader.skipValue(depth: 0)
            }
        }
        try seen.check(required: [0, 1, 8])
        return photo
    }

    mutating func source() throws(JSONGiveUp) -> SourceStamp {
        var stamp = SourceStamp(updatedAt: nil, fingerprint: "")
        var seen = Seen()
        try object { (reader, key) throws(JSONGiveUp) in
            switch key {
            case "updatedAt": try seen.mark(0); stamp.updatedAt = try reader.optional { r throws(JSONGiveUp) in try r.timestamp() }
            case "fingerprint": try seen.mark(1); stamp.fingerprint = try reader.string()
            default: try reader.skipValue(depth: 0)
            }
        }
        try seen.check(required: [1])
        return stamp
    }
}
