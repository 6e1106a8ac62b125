import Foundation
import Images
import Render
import TabiCore

extension PageCache {
    /// A trip's line (`{"slug":…,"trip":{…}}`) read from its bytes, or nil when the fast path
    /// is not sure: `JSONDecoder` then reads the line. Decoding 10,000 lines with `JSONDecoder`
    /// took a fifth of a one-trip rebuild.
    static func fastLine(_ bytes: some ContiguousBytes) -> (slug: String, trip: CachedTrip)? {
        JSONBytesReader.read(bytes) { reader throws(JSONGiveUp) in
            var slug: String?
            var trip: CachedTrip?
            var seen = JSONBytesReader.Seen()
            try reader.object { (reader, key) throws(JSONGiveUp) in
                switch key {
                case "slug": try seen.mark(0); slug = try reader.string()
                case "trip": try seen.mark(1); trip = try reader.cachedTrip()
                default: try reader.skipValue(depth: 0)
                }
            }
            guard let slug, let trip else { throw JSONGiveUp() }
            return (slug, trip)
        }
    }
}

extension JSONBytesReader {
    mutating func cachedTrip() throws(JSONGiveUp) -> CachedTrip {
        var trip = CachedTrip(stamps: "", files: [], originals: [:], derivatives: [:])
        var seen = Seen()
        try object { (reader, key) throws(JSONGiveUp) in
            switch key {
            case "stamps": try seen.mark(0); trip.stamps = try reader.string()
            case "files": try seen.mark(1); trip.files = try reader.array { r throws(JSONGiveUp) in try r.string() }
            case "originals": try seen.mark(2); trip.originals = try reader.pixelSizes()
            case "derivatives": try seen.mark(3); trip.derivatives = try reader.pixelSizes()
            case "listing": try seen.mark(4); trip.listing = try reader.optional { r throws(JSONGiveUp) in try r.listingEntry() }
            case "storyDropped": try seen.mark(5); trip.storyDropped = try reader.optional { r throws(JSONGiveUp) in try r.bool() }
            case "neighbours": try seen.mark(6); trip.neighbours = try reader.optionalString()
            default: try reader.skipValue(depth: 0)
            }
        }
        try seen.check(required: [0, 1, 2, 3])
        return trip
    }

    /// A JSON object of ``PixelSize``s by path; a path twice gives up.
    mutating func pixelSizes() throws(JSONGiveUp) -> [String: PixelSize] {
        var sizes: [String: PixelSize] = [:]
        try object { (reader, path) throws(JSONGiveUp) in
            var size = PixelSize(width: 0, height: 0)
            var seen = Seen()
            try reader.object { (reader, key) throws(JSONGiveUp) in
                switch key {
                case "width": try seen.mark(0); size.width = try reader.int()
                case "height": try seen.mark(1); size.height = try reader.int()
                default: try reader.skipValue(depth: 0)
                }
            }
            try seen.check(required: [0, 1])
            guard sizes.updateValue(size, forKey: path) == nil else { throw JSONGiveUp() }
        }
        return sizes
    }

    mutating func bool() throws(JSONGiveUp) -> Bool {
        skipWhitespace()
        if literal("true") { return true }
        if literal("false") { return false }
        throw JSONGiveUp()
    }
}
