extension JSONBytesReader {
    /// A ``PhotoRenditions`` as its synthesized `Codable` writes it.
    package mutating func photoRenditions() throws(JSONGiveUp) -> PhotoRenditions {
        let none = ImageRendition(path: "", width: 0, height: 0, format: .jpeg)
        var renditions = PhotoRenditions(photoId: "", thumbnail: none, medium: none, responsive: [])
        var seen = Seen()
        try object { (reader, key) throws(JSONGiveUp) in
            switch key {
            case "photoId": try seen.mark(0); renditions.photoId = try reader.string()
            case "thumbnail": try seen.mark(1); renditions.thumbnail = try reader.imageRendition()
            case "medium": try seen.mark(2); renditions.medium = try reader.imageRendition()
            case "responsive": try seen.mark(3); renditions.responsive = try reader.array { r throws(JSONGiveUp) in try r.imageRendition() }
            default: try reader.skipValue(depth: 0)
            }
        }
        try seen.check(required: [0, 1, 2, 3])
        return renditions
    }

    /// An ``ImageRendition`` as its synthesized `Codable` writes it.
    package mutating func imageRendition() throws(JSONGiveUp) -> ImageRendition {
        var rendition = ImageRendition(path: "", width: 0, height: 0, format: .jpeg)
        var seen = Seen()
        try object { (reader, key) throws(JSONGiveUp) in
            switch key {
            case "path": try seen.mark(0); rendition.path = try reader.string()
            case "width": try seen.mark(1); rendition.width = try reader.int()
            case "height": try seen.mark(2); rendition.height = try reader.int()
            case "format": try seen.mark(3); rendition.format = try reader.raw(ImageFormat.self)
            default: try reader.skipValue(depth: 0)
            }
        }
        try seen.check(required: [0, 1, 2, 3])
        return rendition
    }

    /// A string or `null` (nil, as a key left out is).
    package mutating func optionalString() throws(JSONGiveUp) -> String? {
        try optional { r throws(JSONGiveUp) in try r.string() }
    }
}
