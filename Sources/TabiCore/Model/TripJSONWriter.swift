/// Writes the bytes of `trip.json` directly: exactly what `JSONEncoder` with `.prettyPrinted`,
/// `.sortedKeys` and `.withoutEscapingSlashes` gives (a test compares the two over many trips), at a
/// fraction of its cost, which dominated extracting thousands of trips.
///
/// Keys are written in sorted order by hand: a field added to the model must be added here too
/// (the round-trip test fails until it is). A post and a photo are written by the same code from
/// the model and from database text (``TripJSONPosts``), so both give the same bytes.
struct TripJSONWriter: ~Copyable {
    private(set) var out: ByteOutput
    private var depth: Int
    /// Bit `n`: the object or array open at depth `n` has no member yet.
    private var empty: UInt64 = 0

    /// A writer whose first value is written at `depth` (0 for a whole file; more for the parts
    /// of a file ``TripJSONPosts`` keeps).
    init(capacity: Int, depth: Int = 0) {
        out = ByteOutput(capacity: capacity)
        self.depth = depth
    }

    /// The trip as `trip.json` bytes, with the final newline.
    static func encode(_ trip: Trip) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(trip, into: &bytes)
        return bytes
    }

    /// Replaces `bytes` with the trip's `trip.json`, reusing their storage. With `posts`, those
    /// are the trip's posts, and `trip.posts` is not read.
    static func encode(_ trip: Trip, posts: TripJSONPosts? = nil, into bytes: inout [UInt8]) {
        let estimate = posts.map { $0.byteCount + 4096 } ?? 4096 + trip.posts.count * 1024
        var writer = TripJSONWriter(capacity: max(bytes.capacity, estimate))
        writer.write(trip, posts: posts)
        writer.out.append(UInt8(ascii: "\n"))
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: writer.out.bytes)
    }

    // MARK: - The model, keys in sorted order

    private mutating func write(_ trip: Trip, posts: TripJSONPosts?) {
        open("{")
        field("author", trip.author)
        field("coverPhotoId", trip.coverPhotoId)
        field("description", trip.description)
        key("destinations"); array(trip.destinations) { $0.write($1) }
        field("endDate", trip.endDate)
        field("id", trip.id)
        key("posts")
        if let posts { write(posts) } else { array(trip.posts) { $0.write($1) } }
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
        postHead(
            content: post.content.map(TripJSONText.string), destinationId: post.destinationId.map(TripJSONText.string),
            id: .string(post.id), latitude: post.latitude, longitude: post.longitude)
        key("photos"); array(post.photos) { $0.write($1) }
        postTail(timestamp: post.timestamp, title: post.title.map(TripJSONText.string))
    }

    private mutating func write(_ photo: Photo) {
        self.photo(
            caption: photo.caption.map(TripJSONText.string), contentType: photo.contentType.map(TripJSONText.string),
            height: photo.height, id: .string(photo.id), position: photo.position,
            sha256: photo.sha256.map(TripJSONText.string), storageKey: .string(photo.storageKey),
            takenAt: photo.takenAt, width: photo.width)
    }

    // MARK: - A post and a photo, from the model or from database text

    /// A post up to its photos: `{` and the keys before `photos` (`id` is always one of them).
    mutating func postHead(
        content: TripJSONText?, destinationId: TripJSONText?, id: TripJSONText,
        latitude: Double?, longitude: Double?
    ) {
        open("{")
        field("content", content)
        field("destinationId", destinationId)
        field("id", id)
        field("latitude", latitude)
        field("longitude", longitude)
    }

    /// A post after its photos: the keys after `photos`, and `}`.
    mutating func postTail(timestamp: Timestamp, title: TripJSONText?) {
        field("timestamp", timestamp.description)
        field("title", title)
        close("}")
    }

    mutating func photo(
        caption: TripJSONText?, contentType: TripJSONText?, height: Int?, id: TripJSONText,
        position: Int, sha256: TripJSONText?, storageKey: TripJSONText, takenAt: Timestamp?,
        width: Int?
    ) {
        open("{")
        field("caption", caption)
        field("contentType", contentType)
        field("height", height)
        field("id", id)
        field("position", position)
        field("sha256", sha256)
        field("storageKey", storageKey)
        field("takenAt", takenAt?.description)
        field("width", width)
        close("}")
    }

    /// Posts written ahead as parts (see ``TripJSONPosts``), put together as ``write(_:)-(Post)``
    /// writes a post: member, head, `photos` with each photo, tail.
    private mutating func write(_ posts: TripJSONPosts) {
        open("[")
        posts.forEach { head, photos, tail in
            member()
            out.append(head)
            depth += 1
            empty &= ~(1 << depth)  // the head wrote `{` and at least `id`
            key("photos")
            open("[")
            for photo in photos {
                member()
                out.append(photo)
            }
            close("]")
            out.append(tail)
            depth -= 1
        }
        close("]")
    }

    // MARK: - JSON, as JSONEncoder lays it out

    private mutating func field(_ name: StaticString, _ value: TripJSONText?) {
        guard let value else { return }
        key(name)
        switch value {
        case .string(let text): string(text)
        case .utf8(let bytes): string(bytes)
        }
    }

    private mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// `"YYYY-MM-DD"`, as ``CalendarDate/description`` gives it.
    private mutating func field(_ name: StaticString, _ value: CalendarDate?) {
        guard let value else { return }
        key(name)
        out.append(UInt8(ascii: "\""))
        CalendarDate.write(year: value.year, month: value.month, day: value.day) { out.append($0) }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func field(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Doubles as `JSONEncoder` prints them: Swift's shortest form without a trailing `.0`.
    /// A value JSON cannot hold (NaN, infinity) is written as `null`, which reads back as absent.
    private mutating func field(_ name: StaticString, _ value: Double?) {
        guard let value else { return }
        key(name)
        guard value.isFinite else { out.append("null"); return }
        var text = value.description
        text.withUTF8 { bytes in
            let n = bytes.count
            let whole = n > 2 && bytes[n - 2] == UInt8(ascii: ".") && bytes[n - 1] == UInt8(ascii: "0")
            out.append(UnsafeBufferPointer(rebasing: bytes[0..<(whole ? n - 2 : n)]))
        }
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
        out.append(name)
        out.append("\" : ")
    }

    /// A new line (after a comma unless it is the first) and the indentation of a member.
    private mutating func member() {
        let bit: UInt64 = 1 << depth
        if empty & bit != 0 { empty &= ~bit } else { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "\n"))
        indent()
    }

    private mutating func open(_ bracket: Unicode.Scalar) {
        out.append(UInt8(ascii: bracket))
        depth += 1
        empty |= 1 << depth
    }

    /// `JSONEncoder` closes an empty array or object on a line of its own after a blank one.
    private mutating func close(_ bracket: Unicode.Scalar) {
        let bit: UInt64 = 1 << depth
        if empty & bit != 0 { out.append(UInt8(ascii: "\n")) }
        empty &= ~bit
        depth -= 1
        out.append(UInt8(ascii: "\n"))
        indent()
        out.append(UInt8(ascii: bracket))
    }

    private mutating func indent() {
        let spaces: StaticString = "                "  // more than the deepest member needs (depth 5)
        var width = 2 * depth
        while width > 0 {
            let run = min(width, spaces.utf8CodeUnitCount)
            out.append(UnsafeBufferPointer(start: spaces.utf8Start, count: run))
            width -= run
        }
    }

    private mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string($0) }
    }

    private mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) {
        out.append(UInt8(ascii: "\""))
        // Copy runs of bytes that need no escaping in one go; most text is one run.
        var runStart = 0
        var index = 0
        while index < bytes.count {
            index = JSONEscape.firstIndex(in: bytes, from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            index += 1
            runStart = index
            switch byte {
            case UInt8(ascii: "\""): out.append("\\\"")
            case UInt8(ascii: "\\"): out.append("\\\\")
            case 0x08: out.append("\\b")
            case 0x0C: out.append("\\f")
            case 0x0A: out.append("\\n")
            case 0x0D: out.append("\\r")
            case 0x09: out.append("\\t")
            default:
                let hex: StaticString = "0123456789abcdef"
                out.append("\\u00")
                out.append(hex.utf8Start[Int(byte >> 4)])
                out.append(hex.utf8Start[Int(byte & 0x0F)])
            }
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        out.append(UInt8(ascii: "\""))
    }
}

extension TripJSON {
    /// Replaces `bytes` with the trip's `trip.json` (what ``encode(_:)`` gives), reusing their
    /// storage: for writing many trips without a new buffer each. With `posts`, those are the
    /// trip's posts, and `trip.posts` is not read.
    package static func encode(_ trip: Trip, posts: TripJSONPosts? = nil, into bytes: inout [UInt8]) {
        TripJSONWriter.encode(trip, posts: posts, into: &bytes)
    }
}
