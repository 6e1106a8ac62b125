import Foundation

/// Puts the app's rows in a test database: each helper inserts one row and returns its id.
/// Defaults make a plain public trip; tests say only what matters to them.
extension TestDatabase {
    @discardableResult
    public func profile(username: String = "traveller-\(UUID().uuidString.prefix(8))", displayName: String? = "Aiko") throws -> String {
        let id = UUID().uuidString.lowercased()
        try run("INSERT INTO profiles (id, username, display_name) VALUES ($1, $2, $3)", [id, username, displayName])
        return id
    }

    @discardableResult
    public func trip(
        _ title: String, visibility: String = "public", status: String = "completed", user: String? = nil,
        id: String = UUID().uuidString.lowercased(), description: String? = nil,
        startDate: String? = "2024-11-01", endDate: String? = "2024-11-05",
        createdAt: String = "2024-01-01T00:00:00Z", cover: String? = nil
    ) throws -> String {
        let owner = try user ?? profile()
        try run(
            """
            INSERT INTO travels (id, user_id, title, description, start_date, end_date, status, visibility,
                                 cover_photo_id, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '2024-12-01T00:00:00Z')
            """, [id, owner, title, description, startDate, endDate, status, visibility, cover, createdAt])
        return id
    }

    @discardableResult
    public func destination(
        _ trip: String, name: String = "Kyoto", countryCode: String? = "JP", latitude: String? = "35.0116",
        longitude: String? = "135.7681", position: Int = 0, notes: String? = nil
    ) throws -> String {
        let id = UUID().uuidString.lowercased()
        try run(
            """
            INSERT INTO destinations (id, travel_id, name, country_code, latitude, longitude, arrival_date,
                                      departure_date, position, notes, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, '2024-11-01', '2024-11-03', $7, $8, '2024-12-01T00:00:00Z')
            """, [id, trip, name, countryCode, latitude, longitude, String(position), notes])
        return id
    }

    @discardableResult
    public func post(
        _ trip: String, at timestamp: String = "2024-11-02T09:30:00Z", title: String? = "Arrival",
        content: String? = "We arrived.", visibility: String = "public", destination: String? = nil,
        id: String = UUID().uuidString.lowercased()
    ) throws -> String {
        try run(
            """
            INSERT INTO travel_posts (id, travel_id, destination_id, "timestamp", title, content, latitude,
                                      longitude, visibility, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, 35.01, 135.76, $7, '2024-12-01T00:00:00Z')
            """, [id, trip, destination, timestamp, title, content, visibility])
        return id
    }

    @discardableResult
    public func photo(
        _ post: String, trip: String, key: String? = nil, caption: String? = "A temple",
        position: Int = 0, sha256: String? = String(repeating: "ab", count: 32)
    ) throws -> String {
        let id = UUID().uuidString.lowercased()
        try run(
            """
            INSERT INTO post_photos (id, post_id, travel_id, storage_key, content_type, width, height, sha256,
                                     caption, taken_at, latitude, longitude, position)
            VALUES ($1, $2, $3, $4, 'image/jpeg', 4000, 3000, $5, $6, '2024-11-02T09:31:00.25Z', 35.0116, 135.7681, $7)
            """, [id, post, trip, key ?? "trips/\(trip)/\(id).jpg", sha256, caption, String(position)])
        return id
    }
}
