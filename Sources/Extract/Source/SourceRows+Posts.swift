import PostgresClient
import TabiCore

/// Posts and photos, the rows there are many of: checked on their bytes and written straight into
/// the trip's `trip.json` text (``TripJSONPosts``), with no model value or string made for them
/// unless a value needs mending (invalid UTF-8, an upper-case digest) or a warning names them.
extension SourceRows {
    /// `SourceColumns.post`, added to `posts`: its index there and its `updated_at`; nil when the
    /// post has no usable time (`infinity`, a BC date) and is left out.
    mutating func post(_ row: PostgresRow, into posts: inout TripJSONPosts) -> (index: Int, updatedAt: Timestamp?)? {
        withExtendedLifetime(row) {
            let name = RowName("post", row, idColumn: 1)
            guard let time = timestamp(row, 2, name, "timestamp", consequence: "the post is left out") else { return nil }
            let index = posts.append(
                id: Self.text(row, 1) ?? .string(""), timestamp: time, title: Self.text(row, 3),
                content: Self.text(row, 4), destinationId: Self.text(row, 5),
                latitude: coordinate(row, 6, limit: 90, name, "latitude"),
                longitude: coordinate(row, 7, limit: 180, name, "longitude"))
            return (index, timestamp(row, 8, name, "updated_at"))
        }
    }

    /// `SourceColumns.photo`, added to the post at index `post` of `posts`; false when it is not
    /// added: it cannot be found safely under the media root, or it has no post (nil: its post
    /// was left out). Its values are checked either way, so every problem is reported.
    mutating func photo(_ row: PostgresRow, to post: Int?, into posts: inout TripJSONPosts) -> Bool {
        withExtendedLifetime(row) {
            let name = RowName("photo", row, idColumn: 2)
            let key = TripJSONText(utf8: row.bytes(3) ?? UnsafeBufferPointer(start: nil, count: 0))
            if let unsafe = key.withUTF8(StorageKey.problem) {
                warn(name, "storage key \(unsafe); the photo is left out")
                return false
            }
            var sha256: TripJSONText?
            if let bytes = row.bytes(5) {
                sha256 = Self.lowerCaseSHA256(bytes)
                if sha256 == nil { warn(name, "field sha256 is not 64 hex digits; it is left out") }
            }
            let contentType = Self.nonBlank(row, 4), caption = Self.text(row, 6)
            let takenAt = timestamp(row, 7, name, "taken_at")
            let width = size(row, 8, name, "width"), height = size(row, 9, name, "height")
            guard let post else { return false }
            posts.appendPhoto(
                to: post, id: Self.text(row, 2) ?? .string(""), storageKey: key,
                contentType: contentType, sha256: sha256, caption: caption, takenAt: takenAt,
                width: width, height: height, position: row.int(10) ?? 0)
            return true
        }
    }

    // MARK: - Text in place

    /// The column's text, or nil for NULL. Its bytes live as long as `row`.
    private static func text(_ row: PostgresRow, _ column: Int) -> TripJSONText? {
        row.bytes(column).map(TripJSONText.init(utf8:))
    }

    /// The column's text, or nil when it is NULL, empty or only white space.
    private static func nonBlank(_ row: PostgresRow, _ column: Int) -> TripJSONText? {
        guard let bytes = row.bytes(column) else { return nil }
        // Any visible ASCII character settles it without looking at the text as characters.
        if bytes.contains(where: { (0x21...0x7E).contains($0) }) { return TripJSONText(utf8: bytes) }
        return String(decoding: bytes, as: UTF8.self).nonBlank.map(TripJSONText.string)
    }

    /// 64 hex digits, in lower case; nil when the text is not that.
    private static func lowerCaseSHA256(_ bytes: UnsafeBufferPointer<UInt8>) -> TripJSONText? {
        guard bytes.count == 64 else { return nil }
        var upper = false
        for byte in bytes {
            switch byte {
            case 48...57, 97...102: continue
            case 65...70: upper = true
            default: return nil
            }
        }
        return upper ? .string(String(decoding: bytes, as: UTF8.self).lowercased()) : .utf8(bytes)
    }
}
