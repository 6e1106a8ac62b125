import TabiCore

extension JSONBytesReader {
    /// A ``ListingEntry`` as its synthesized `Codable` writes it: the fast path of the records
    /// that keep entries (a build's page records), which `JSONDecoder` read at a fifth of a
    /// one-trip rebuild of 10,000 trips.
    package mutating func listingEntry() throws(JSONGiveUp) -> ListingEntry {
        var entry = ListingEntry(id: "", slug: "", title: "")
        var seen = Seen()
        try object { (reader, key) throws(JSONGiveUp) in
            switch key {
            case "id": try seen.mark(0); entry.id = try reader.string()
            case "slug": try seen.mark(1); entry.slug = try reader.string()
            case "title": try seen.mark(2); entry.title = try reader.string()
            case "summary": try seen.mark(3); entry.summary = try reader.optionalString()
            case "startDate": try seen.mark(4); entry.startDate = try reader.optional { r throws(JSONGiveUp) in try r.date() }
            case "endDate": try seen.mark(5); entry.endDate = try reader.optional { r throws(JSONGiveUp) in try r.date() }
            case "updated": try seen.mark(6); entry.updated = try reader.optional { r throws(JSONGiveUp) in try r.timestamp() }
            case "author": try seen.mark(7); entry.author = try reader.optionalString()
            case "tags": try seen.mark(8); entry.tags = try reader.array { r throws(JSONGiveUp) in try r.string() }
            case "places": try seen.mark(9); entry.places = try reader.array { r throws(JSONGiveUp) in try r.string() }
            case "posts": try seen.mark(10); entry.posts = try reader.int()
            case "photos": try seen.mark(11); entry.photos = try reader.int()
            case "cover": try seen.mark(12); entry.cover = try reader.optional { r throws(JSONGiveUp) in try r.listingCover() }
            case "storyHTML": try seen.mark(13); entry.storyHTML = try reader.optionalString()
            default: try reader.skipValue(depth: 0)
            }
        }
        try seen.check(required: [0, 1, 2, 8, 9, 10, 11])
        return entry
    }

    mutating func listingCover() throws(JSONGiveUp) -> ListingEntry.Cover {
        var caption: String?
        var renditions: PhotoRenditions?
        var seen = Seen()
        try object { (reader, key) throws(JSONGiveUp) in
            switch key {
            case "caption": try seen.mark(0); caption = try reader.optionalString()
            case "renditions": try seen.mark(1); renditions = try reader.photoRenditions()
            default: try reader.skipValue(depth: 0)
            }
        }
        guard let renditions else { throw JSONGiveUp() }
        return ListingEntry.Cover(caption: caption, renditions: renditions)
    }
}

extension ListingEntry {
    /// An entry with nothing but its names, for a reader to fill in.
    init(id: String, slug: String, title: String) {
        self.id = id
        self.slug = slug
        self.title = title
        tags = []
        places = []
        posts = 0
        photos = 0
    }
}
