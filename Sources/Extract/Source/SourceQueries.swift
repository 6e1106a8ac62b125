/// The SQL extract sends. Every query takes `$1`, a `uuid[]` of trips to read or NULL for every
/// public and unlisted trip; every query repeats the visibility rules itself, so no stream can
/// carry a private trip's or a private post's row even if another query were wrong.
///
/// Streams are ordered by trip id so they can be merged trip by trip (``TripStream``). The schema
/// has an index on `travel_posts(travel_id, "timestamp")` (used for a given list of trips) and on
/// `post_photos(post_id, position)` (reached through the posts); `destinations` has no index on
/// `travel_id`, so it is always scanned, which is cheap for a table of a few rows per trip.
enum SourceQueries {
    static let visibleTrip = "t.visibility IN ('public', 'unlisted')"
    static let publicPost = "p.visibility = 'public'"

    /// The snapshot: every query of a run sees the same committed state, and nothing can be written.
    static let begin = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\n" + sessionSettings

    /// The snapshot's id, so more connections can read the very same state in parallel.
    static let exportSnapshot = "SELECT pg_export_snapshot()"

    /// Joins the snapshot `id` exported by the run's first connection. `SET TRANSACTION SNAPSHOT`
    /// takes no parameter, so the id (made by the server) is checked to be hex digits and dashes.
    static func begin(joining id: String) -> String? {
        guard !id.isEmpty, id.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || ($0 < 0x80 && Character(Unicode.Scalar($0)).isHexDigit) })
        else { return nil }
        return "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\nSET TRANSACTION SNAPSHOT '\(id)';\n" + sessionSettings
    }

    /// Text output made canonical (UTC instants, ISO dates, shortest exact floats), and cursors
    /// planned for reading everything rather than for the first rows.
    private static let sessionSettings = """
        SET LOCAL TimeZone = 'UTC';
        SET LOCAL DateStyle = 'ISO, YMD';
        SET LOCAL extra_float_digits = 1;
        SET LOCAL cursor_tuple_fraction = 1;
        SET LOCAL work_mem = '64MB';
        """

    /// The trips that may leave the database, oldest first (the order new slugs are given in).
    static let candidates = """
        SELECT t.id, t.title, t.created_at, t.visibility::text FROM travels t
        WHERE \(visibleTrip) AND ($1::uuid[] IS NULL OR t.id = ANY($1::uuid[]))
        ORDER BY t.created_at, t.id
        """

    /// The candidates with the fingerprint of their public rows, for `--changed`: one query for all
    /// trips. Row digests are combined with XOR, so no aggregate has to sort its rows; the count
    /// keeps two equal rows from cancelling out. The candidate filter is repeated in each part
    /// rather than shared as a CTE, which would keep PostgreSQL from aggregating in parallel.
    ///
    /// The photos part does without it: joined to the candidates as well as to their public posts
    /// by `(post_id, travel_id)`, two correlated columns, it was planned for a few thousand rows
    /// rather than 200,000 and ran as one process through 100,000 index lookups (1.5 s of the
    /// query's 1.8 s on the benchmark); with the posts alone it is a parallel hash semi-join
    /// (0.7 s for the whole query). The photos of trips that are not candidates (private ones,
    /// when reading everything) are hashed for nothing, and the final join to the candidates
    /// drops them.
    static let candidatesWithFingerprints = """
        WITH d AS (
          SELECT travel_id, \(combine) FROM (
            SELECT d.travel_id, \(SourceColumns.digestSQL(SourceColumns.destination)) AS h
            FROM destinations d WHERE d.travel_id IN (\(candidateIds))) r
          GROUP BY travel_id
        ), p AS (
          SELECT travel_id, \(combine) FROM (
            SELECT p.travel_id, \(SourceColumns.digestSQL(SourceColumns.post)) AS h
            FROM travel_posts p WHERE \(publicPost) AND p.travel_id IN (\(candidateIds))) r
          GROUP BY travel_id
        ), ph AS (
          SELECT travel_id, \(combine) FROM (
            SELECT ph.travel_id, \(SourceColumns.digestSQL(SourceColumns.photo)) AS h
            FROM post_photos ph WHERE ($1::uuid[] IS NULL OR ph.travel_id = ANY($1::uuid[])) AND EXISTS (
              SELECT 1 FROM travel_posts p WHERE p.id = ph.post_id AND p.travel_id = ph.travel_id AND \(publicPost))) r
          GROUP BY travel_id
        )
        SELECT t.id, t.title, t.created_at, t.visibility::text, md5(concat_ws(E'\\x1f', '\(RowDigest.version)',
                 \(SourceColumns.digestSQL(SourceColumns.trip)),
                 coalesce(d.n, 0), coalesce(d.x, 0), coalesce(p.n, 0), coalesce(p.x, 0),
                 coalesce(ph.n, 0), coalesce(ph.x, 0)))
        FROM travels t LEFT JOIN profiles pr ON pr.id = t.user_id
          LEFT JOIN d ON d.travel_id = t.id LEFT JOIN p ON p.travel_id = t.id LEFT JOIN ph ON ph.travel_id = t.id
        WHERE \(visibleTrip) AND ($1::uuid[] IS NULL OR t.id = ANY($1::uuid[]))
        ORDER BY t.created_at, t.id
        """

    private static let candidateIds = """
        SELECT c.id FROM travels c WHERE c.visibility IN ('public', 'unlisted') AND ($1::uuid[] IS NULL OR c.id = ANY($1::uuid[]))
        """

    /// Count and XOR of the row digests' first 64 bits: order-independent, so no sort.
    private static let combine = "count(*) AS n, bit_xor(('x' || substr(h, 1, 16))::bit(64)::bigint) AS x"

    // MARK: - The streams, each ordered by trip id

    static let trips = """
        SELECT \(SourceColumns.trip.joined(separator: ", "))
        FROM travels t LEFT JOIN profiles pr ON pr.id = t.user_id
        WHERE \(visibleTrip) AND ($1::uuid[] IS NULL OR t.id = ANY($1::uuid[]))
        ORDER BY t.id
        """

    static let destinations = """
        SELECT \(SourceColumns.destination.joined(separator: ", "))
        FROM destinations d JOIN travels t ON t.id = d.travel_id
        WHERE \(visibleTrip) AND ($1::uuid[] IS NULL OR d.travel_id = ANY($1::uuid[]))
        ORDER BY d.travel_id, d.position, d.arrival_date NULLS LAST, d.id
        """

    /// `$2` and `$3`, when not NULL, keep the trips whose id is at least `$2` and below `$3`
    /// (``TripStream`` reads them in two halves).
    static let posts = """
        SELECT \(SourceColumns.post.joined(separator: ", "))
        FROM travel_posts p JOIN travels t ON t.id = p.travel_id
        WHERE \(publicPost) AND \(visibleTrip) AND ($1::uuid[] IS NULL OR p.travel_id = ANY($1::uuid[]))
          AND ($2::uuid IS NULL OR p.travel_id >= $2::uuid) AND ($3::uuid IS NULL OR p.travel_id < $3::uuid)
        ORDER BY p.travel_id, p."timestamp", p.id
        """

    /// Photos reached through their public post (the `post_photos(post_id)` index), and only when
    /// the photo and the post name the same trip; `$2` and `$3`, when not NULL, keep the trips
    /// whose id is at least `$2` and below `$3` (``TripStream`` reads them in two halves).
    ///
    /// The visible public posts are a subquery behind `OFFSET 0`, planned on their own: joined in
    /// one piece, the join on `(post_id, travel_id)`, two correlated columns, was expected to give
    /// a few thousand rows instead of 200,000, so each was then looked up in `travels_pkey`, and
    /// the first batch came after 0.8 s instead of 0.4 s on the benchmark. For a list of trips the
    /// plan is unchanged: their posts by index, then their photos by `post_photos(post_id)`.
    static let photos = """
        SELECT \(SourceColumns.photo.joined(separator: ", "))
        FROM (SELECT p.id, p.travel_id FROM travel_posts p JOIN travels t ON t.id = p.travel_id
              WHERE \(publicPost) AND \(visibleTrip) AND ($1::uuid[] IS NULL OR p.travel_id = ANY($1::uuid[]))
                AND ($2::uuid IS NULL OR p.travel_id >= $2::uuid) AND ($3::uuid IS NULL OR p.travel_id < $3::uuid)
              OFFSET 0) p
          JOIN post_photos ph ON ph.post_id = p.id AND ph.travel_id = p.travel_id
        ORDER BY ph.travel_id, ph.post_id, ph.position, ph.id
        """

    /// Where the posts and photos streams are split in two when reading everything: the middle of
    /// the uuid range, so random (version 4) ids give two halves of about the same size.
    static let split = "80000000-0000-0000-0000-000000000000"
}
