/// Text for `trip.json`: a string, or UTF-8 bytes read in place (a database column).
package enum TripJSONText {
    case string(String)
    /// Valid UTF-8 (``init(utf8:)`` checks); the bytes must live until they are written.
    case utf8(UnsafeBufferPointer<UInt8>)

    /// The bytes themselves when they are valid UTF-8; otherwise a string of them with each
    /// invalid sequence replaced by U+FFFD, as `String(decoding:as:)` makes it (so both forms
    /// write the same JSON).
    package init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        self = UTF8Check.isValid(bytes) ? .utf8(bytes) : .string(String(decoding: bytes, as: UTF8.self))
    }

    /// Calls `body` with the text's UTF-8 bytes.
    package func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch self {
        case .string(var text): return try text.withUTF8(body)
        case .utf8(let bytes): return try body(bytes)
        }
    }
}

/// A trip's posts written as `trip.json` text while its rows are read, so a program extracting
/// thousands of trips (extract) makes no model values for them: their parts are kept as bytes
/// and ``TripJSON/encode(_:posts:into:)`` puts them together, exactly as it writes posts of the
/// model (the same code writes both).
///
/// A post is added with its fields; its photos are added later, each naming its post by index.
/// Reuse one value for trip after trip (``removeAll()``): its storage is kept.
package struct TripJSONPosts: Sendable {
    private var bytes: [UInt8] = []
    /// Per post: `bytes[head..<tail]` up to its photos, `bytes[tail..<end]` after them.
    private var posts: [(head: Int, tail: Int, end: Int)] = []
    /// Per photo, in the order added: its post and `bytes[start..<end]`.
    private var photos: [(post: Int, start: Int, end: Int)] = []

    package init() {}

    /// How many posts there are.
    package var count: Int { posts.count }
    /// How many photos were added, for all posts.
    package var photoCount: Int { photos.count }
    /// How many bytes the posts take, for sizing a buffer.
    var byteCount: Int { bytes.count + 64 * (posts.count + photos.count) }

    /// Empties the posts, keeping the storage.
    package mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        posts.removeAll(keepingCapacity: true)
        photos.removeAll(keepingCapacity: true)
    }

    /// Adds a post without photos; returns its index.
    @discardableResult
    package mutating func append(
        id: TripJSONText, timestamp: Timestamp, title: TripJSONText?, content: TripJSONText?,
        destinationId: TripJSONText?, latitude: Double?, longitude: Double?
    ) -> Int {
        let head = bytes.count
        var writer = TripJSONWriter(capacity: 1024, depth: 2)
        writer.postHead(content: content, destinationId: destinationId, id: id, latitude: latitude, longitude: longitude)
        bytes.append(contentsOf: writer.out.bytes)
        let tail = bytes.count
        writer = TripJSONWriter(capacity: 256, depth: 3)
        writer.postTail(timestamp: timestamp, title: title)
        bytes.append(contentsOf: writer.out.bytes)
        posts.append((head, tail, bytes.count))
        return posts.count - 1
    }

    /// Adds a photo to the post at index `post`, after the photos it has.
    package mutating func appendPhoto(
        to post: Int, id: TripJSONText, storageKey: TripJSONText,
        contentType: TripJSONText?, sha256: TripJSONText?, caption: TripJSONText?,
        takenAt: Timestamp?, width: Int?, height: Int?, position: Int
    ) {
        precondition(posts.indices.contains(post), "a photo of post \(post) of \(posts.count)")
        let start = bytes.count
        var writer = TripJSONWriter(capacity: 512, depth: 4)
        writer.photo(
            caption: caption, contentType: contentType, height: height, id: id, position: position,
            sha256: sha256, storageKey: storageKey, takenAt: takenAt, width: width)
        bytes.append(contentsOf: writer.out.bytes)
        photos.append((post, start, bytes.count))
    }

    /// Calls `body` with each post's parts, in order: its head, its photos, its tail.
    func forEach(_ body: (UnsafeBufferPointer<UInt8>, [UnsafeBufferPointer<UInt8>], UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { all in
            func slice(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[start..<end]) }
            // Photos by post, keeping their order within a post (a counting sort).
            var firsts = [Int](repeating: 0, count: posts.count + 1)
            for photo in photos { firsts[photo.post + 1] += 1 }
            for index in posts.indices { firsts[index + 1] += firsts[index] }
            var order = [Int](repeating: 0, count: photos.count)
            var next = firsts
            for (index, photo) in photos.enumerated() {
                order[next[photo.post]] = index
                next[photo.post] += 1
            }
            var parts: [UnsafeBufferPointer<UInt8>] = []
            for (index, post) in posts.enumerated() {
                parts.removeAll(keepingCapacity: true)
                for position in firsts[index]..<firsts[index + 1] {
                    let photo = photos[order[position]]
                    parts.append(slice(photo.start, photo.end))
                }
                body(slice(post.head, post.tail), parts, slice(post.tail, post.end))
            }
        }
    }
}

/// Whether bytes are well-formed UTF-8 (Unicode's table 3-7): exactly the bytes that
/// `String(decoding:as:)` keeps as they are.
enum UTF8Check {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            // ASCII 32 bytes at a time, then eight: most text is.
            func word(_ offset: Int) -> UInt64 { base.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
            while index + 32 <= count, (word(index) | word(index + 8) | word(index + 16) | word(index + 24)) & 0x8080_8080_8080_8080 == 0 {
                index += 32
            }
            while index + 8 <= count, word(index) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
        }
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
                index + offset < count && range.contains(bytes[index + offset])
            }
            switch lead {
            case 0xC2...0xDF:
                guard continuation(1) else { return false }
                index += 2
            case 0xE0...0xEF:
                let second: ClosedRange<UInt8> = lead == 0xE0 ? 0xA0...0xBF : lead == 0xED ? 0x80...0x9F : 0x80...0xBF
                guard continuation(1, second), continuation(2) else { return false }
                index += 3
            case 0xF0...0xF4:
                let second: ClosedRange<UInt8> = lead == 0xF0 ? 0x90...0xBF : lead == 0xF4 ? 0x80...0x8F : 0x80...0xBF
                guard continuation(1, second), continuation(2), continuation(3) else { return false }
                index += 4
            default:
                return false
            }
        }
        return true
    }
}
