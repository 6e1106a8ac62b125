/// The columns extract reads, one list per table, in the order the row decoders expect them.
///
/// Each list is used twice: as the select list of the streaming query, and inside the fingerprint
/// query, where the database hashes exactly these values. So the digest extract computes from the
/// rows it receives (``RowDigest``) and the one the database computes for `--changed` always
/// describe the same text, and adding a column changes both.
enum SourceColumns {
    /// `travels` joined with the author's `profiles` row.
    static let trip = [
        "t.id", "t.title", "t.description", "t.start_date", "t.end_date", "t.status", "t.visibility",
        "t.cover_photo_id", "pr.display_name", "pr.username", "t.updated_at",
    ]
    /// `destinations`; `notes` is the traveller's private jotting and is never read.
    /// `char(2)` is read as text so its padding never differs between the two uses.
    static let destination = [
        "d.travel_id", "d.id", "d.name", "d.country_code::text", "d.latitude", "d.longitude",
        "d.arrival_date", "d.departure_date", "d.position", "d.updated_at",
    ]
    /// Public `travel_posts`.
    static let post = [
        "p.travel_id", "p.id", "p.\"timestamp\"", "p.title", "p.content", "p.destination_id",
        "p.latitude", "p.longitude", "p.updated_at",
    ]
    /// `post_photos` of public posts; their GPS position is never read.
    static let photo = [
        "ph.travel_id", "ph.post_id", "ph.id", "ph.storage_key", "ph.content_type", "ph.sha256",
        "ph.caption", "ph.taken_at", "ph.width", "ph.height", "ph.position",
    ]

    /// The database's side of ``RowDigest``: md5 of the columns' text joined by U+001F, with
    /// U+001E standing for NULL.
    static func digestSQL(_ columns: [String]) -> String {
        "md5(concat_ws(E'\\x1f', " + columns.map { "coalesce((\($0))::text, E'\\x1e')" }.joined(separator: ", ") + "))"
    }
}
