import Foundation
import Render
import TabiCore

/// A small, realistic site built in code: a public trip with a story, posts and photos, an older
/// public trip, an unlisted one, one with a draft story and one full of hostile text.
enum TripFixtures {
    static let config = SiteConfig(
        title: "Kumo Travels", baseURL: "https://travel.example.com/blog", language: "en",
        description: "Slow journeys, written on the road.", theme: "default",
        images: .defaults, narrator: .defaults, publish: .defaults)

    // MARK: - Trips

    /// Two Kyoto-area destinations, three posts, five photos (one without renditions), a post
    /// whose destination row is gone, and coordinates on everything.
    static var kyoto: TripContent {
        let trip = Trip(
            id: "4f6c1a52-8d1e-4a57-9f43-0c7b1de2a001", slug: "autumn-in-kyoto", title: "Kyoto trip",
            description: "Ten days of temples.", startDate: date("2024-11-02"), endDate: date("2024-11-09"),
            status: .completed, visibility: .public, author: "Aiko Tanaka", coverPhotoId: "photo-fushimi",
            updatedAt: Timestamp("2024-11-12T08:00:00Z"),
            destinations: [
                Destination(
                    id: "dest-nara", name: "Nara", countryCode: "JP", latitude: 34.6851, longitude: 135.8048,
                    arrivalDate: date("2024-11-06"), departureDate: date("2024-11-07"), position: 2),
                Destination(
                    id: "dest-kyoto", name: "Kyoto", countryCode: "JP", latitude: 35.0116, longitude: 135.7681,
                    arrivalDate: date("2024-11-02"), departureDate: date("2024-11-06"), position: 1),
            ],
            posts: [
                Post(
                    id: "post-2", timestamp: Timestamp("2024-11-03T23:15:00Z")!, title: "Fushimi Inari at dawn",
                    content: "Ten thousand **torii**. We started at 5am.\n\n## The summit\n\nWorth it.",
                    destinationId: "dest-kyoto", latitude: 34.967_14, longitude: 135.772_67,
                    photos: [
                        photo("photo-fushimi", caption: "Torii gates at first light", position: 0),
                        photo("photo-summit", caption: nil, position: 1),
                    ]),
                Post(
                    id: "post-1", timestamp: Timestamp("2024-11-02T09:30:00Z")!, title: "Arrival",
                    content: "Landed at KIX, took the *Haruka* to Kyoto.", destinationId: "dest-kyoto",
                    latitude: 34.985_85, longitude: 135.758_77,
                    photos: [photo("photo-station", caption: "Kyoto Station's great hall", position: 0)]),
                Post(
                    id: "post-3", timestamp: Timestamp("2024-11-06T14:00:00Z")!, title: "Deer everywhere",
                    content: "The deer of Nara bow for crackers.", destinationId: "dest-gone",
                    latitude: 34.685_09, longitude: 135.843_03,
                    photos: [
                        photo("photo-deer", caption: "A polite deer", position: 0),
                        photo("photo-broken", caption: "Never processed", position: 1),
                    ]),
            ])
        let story = Story(
            frontMatter: StoryFrontMatter(
                title: "Autumn in Kyoto", summary: "Temples, tea and red maples.",
                cover: "photo-deer", date: date("2024-11-10"), tags: ["japan", "autumn"]),
            body: """
                We came for the maples and stayed for the tea.[^1]

                ## Temples

                Kiyomizu-dera at opening time.

                ## Tea

                A *matcha* ceremony in Uji.

                [^1]: And the deer.
                """)
        return TripContent(trip: trip, story: story)
    }

    static var lisbon: TripContent {
        TripContent(
            trip: Trip(
                id: "4f6c1a52-8d1e-4a57-9f43-0c7b1de2a002", slug: "spring-in-lisbon", title: "Spring in Lisbon",
                description: "Trams and tiles.", startDate: date("2024-04-10"), endDate: date("2024-04-14"),
                author: "Aiko Tanaka", updatedAt: Timestamp("2024-04-20T10:00:00Z"),
                destinations: [
                    Destination(
                        id: "dest-lisbon", name: "Lisbon", countryCode: "PT", latitude: 38.7223,
                        longitude: -9.1393, position: 0)
                ],
                posts: [
                    Post(
                        id: "post-l1", timestamp: Timestamp("2024-04-10T18:00:00Z")!, title: "Tram 28",
                        content: "Rattling up to Alfama.", destinationId: "dest-lisbon",
                        latitude: 38.711_46, longitude: -9.130_63,
                        photos: [photo("photo-tram", caption: "Tram 28 on a hill", position: 0)])
                ]))
    }

    /// Newer than every public trip, so it would come first if it were wrongly listed.
    static var unlisted: TripContent {
        TripContent(
            trip: Trip(
                id: "4f6c1a52-8d1e-4a57-9f43-0c7b1de2a003", slug: "secret-weekend", title: "Secret weekend",
                startDate: date("2025-01-04"), visibility: .unlisted, updatedAt: Timestamp("2025-01-06T10:00:00Z"),
                posts: [
                    Post(
                        id: "post-s1", timestamp: Timestamp("2025-01-04T10:00:00Z")!, title: "Hidden onsen",
                        content: "Nobody else knows.", photos: [photo("photo-onsen", caption: "Steam", position: 0)])
                ]))
    }

    static var drafted: TripContent {
        TripContent(
            trip: Trip(
                id: "4f6c1a52-8d1e-4a57-9f43-0c7b1de2a004", slug: "porto-weekend", title: "Porto weekend",
                startDate: date("2023-09-01"), endDate: date("2023-09-03"), author: "Aiko Tanaka",
                updatedAt: Timestamp("2023-09-05T10:00:00Z"),
                posts: [
                    Post(
                        id: "post-p1", timestamp: Timestamp("2023-09-01T12:00:00Z")!, title: "Port wine",
                        content: "Tasting in Gaia.")
                ]),
            story: Story(
                frontMatter: StoryFrontMatter(title: "DRAFT TITLE", summary: "Draft summary", draft: true),
                body: "UNPUBLISHED DRAFT PROSE"))
    }

    static let hostileText = "<script>alert(1)</script>"
    static let hostileAttribute = "\"><img src=x onerror=alert(1)>"

    /// Every field a traveller or writer controls, filled with markup and control characters.
    static var hostile: TripContent {
        TripContent(
            trip: Trip(
                id: "4f6c1a52-8d1e-4a57-9f43-0c7b1de2a005", slug: "hostile", title: hostileText + " & co",
                description: "Bad \u{1}bytes\u{FFFE} " + hostileAttribute, startDate: date("2022-05-01"),
                author: hostileAttribute, updatedAt: Timestamp("2022-05-03T10:00:00Z"),
                destinations: [Destination(id: "dest-h", name: hostileText, countryCode: "\"><b>", position: 0)],
                posts: [
                    Post(
                        id: "post-\"h1", timestamp: Timestamp("2022-05-01T10:00:00Z")!, title: hostileAttribute,
                        content: "<script>alert(2)</script> [x](javascript:alert(3)) <img src=x onerror=alert(4)>",
                        destinationId: "dest-h",
                        photos: [photo("photo-h", caption: hostileAttribute + " ' onload='alert(5)", position: 0)])
                ]),
            story: Story(
                frontMatter: StoryFrontMatter(
                    title: hostileText, summary: hostileAttribute,
                    tags: [hostileText, "a\"b"]),
                body: "# " + hostileText + "\n\n<iframe src=\"https://evil.example\"></iframe> text"))
    }

    static var all: [TripContent] { [lisbon, hostile, unlisted, kyoto, drafted] }

    // MARK: - Photos and their renditions

    static func photo(_ id: String, caption: String?, position: Int) -> Photo {
        Photo(
            id: id, storageKey: "originals/\(id).jpg", contentType: "image/jpeg", caption: caption,
            takenAt: Timestamp("2024-11-03T06:00:00Z"), width: 4000, height: 3000, position: position)
    }

    /// What the Images stage would have made for every photo but `photo-broken`.
    static var renditions: [String: PhotoRenditions] {
        let ids = all.flatMap { $0.trip.photos.map(\.id) }.filter { $0 != "photo-broken" }
        return Dictionary(uniqueKeysWithValues: ids.map { ($0, renditions(for: $0)) })
    }

    static func renditions(for id: String) -> PhotoRenditions {
        let stem = "media/\(id.prefix(8))/\(id)"
        let responsive = [ImageFormat.webp, .jpeg].flatMap { format in
            [480, 960, 1600].map {
                ImageRendition(
                    path: "\(stem)-w\($0).\(format.fileExtension)", width: $0,
                    height: $0 * 3 / 4, format: format)
            }
        }
        return PhotoRenditions(
            photoId: id,
            thumbnail: ImageRendition(path: "\(stem)-thumb.jpg", width: 300, height: 300, format: .jpeg),
            medium: ImageRendition(path: "\(stem)-medium.jpg", width: 800, height: 600, format: .jpeg),
            responsive: responsive)
    }

    static func date(_ text: String) -> CalendarDate { CalendarDate(text)! }
}
