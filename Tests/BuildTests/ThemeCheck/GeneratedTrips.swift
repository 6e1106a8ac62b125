import Foundation
import TabiCore
import TestSupport

/// Writes the generated site's content: the trips a theme gets wrong first (see ``CheckedSites``).
struct GeneratedTrips {
    let content: URL

    func write() throws {
        let fixtures = FixtureTrips(content: content, media: content.appendingPathComponent("media"))
        try long(fixtures)
        try rightToLeft(fixtures)
        // No posts, no photos, no story: a trip the app has only just created.
        try fixtures.add(trip: CheckedSites.Trip.empty, title: "Nothing yet", start: "2024-09-01", photos: [])
        try fixtures.add(
            trip: CheckedSites.Trip.unlisted, title: "Secret Garden", start: "2024-06-01", visibility: .unlisted,
            photos: ["small.jpg"])
        try fixtures.story(CheckedSites.Trip.unlisted, title: "Secret Garden", body: "Only for friends.\n\n- [ ] tell nobody\n")
        try hostile(fixtures)
    }

    // MARK: - The trips

    private func long(_ fixtures: FixtureTrips) throws {
        let slug = CheckedSites.Trip.long
        var trip = try fixtures.add(
            trip: slug, title: "The long road", start: "2024-05-01",
            photos: ["landscape-gps.jpg", "orientation-6.jpg", "cmyk.jpg", "alpha.png"])
        trip.endDate = CalendarDate("2024-05-20")
        trip.description = "Twenty days, " + String(repeating: "very ", count: 60) + "long."
        trip.destinations = [
            Destination(
                id: "d1", name: "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch", countryCode: "GB",
                arrivalDate: CalendarDate("2024-05-01"), departureDate: CalendarDate("2024-05-03"), position: 0),
            Destination(id: "d2", name: "Kyoto", countryCode: "JP", arrivalDate: CalendarDate("2024-05-04"), position: 1),
        ]
        trip.posts[0].content = "## Packing\n\n" + Self.taskList + "\n\n" + Self.wideTable
        trip.posts[1].title = nil
        trip.posts[1].content = "#### A heading deeper than it should be\n\nNo title above me.\n\n" + Self.longCode
        trip.posts[2].destinationId = "d1"
        try save(trip)
        try fixtures.story(
            slug, title: "The long road",
            body: """
                Off we went, through \(Self.longWord) and past \(Self.longURL) on the first day[^1].

                ![The story shows one of the trip's photos](photo:\(trip.photos[0].id))

                In a sentence ![](photo:\(trip.photos[1].id)) too, and a map ![map](https://example.com/map.png).

                # Where we slept

                \(Self.wideTable)

                ### What we packed

                \(Self.taskList)

                #### Code we ran

                \(Self.longCode)

                > A quote with a [link](https://example.com/\(String(repeating: "deep/", count: 30))) in it.

                1. one
                2. two with `\(String(repeating: "inline_code_", count: 12))`

                [^1]: A footnote with a reference back, and \(Self.longWord) again.
                """)
    }

    private func rightToLeft(_ fixtures: FixtureTrips) throws {
        let slug = CheckedSites.Trip.rightToLeft
        var trip = try fixtures.add(trip: slug, title: "رحلة إلى وادي رم", start: "2024-03-10", photos: ["small.jpg", "cmyk.jpg"])
        trip.description = "ثلاثة أيام في الصحراء الحمراء، تحت النجوم."
        trip.destinations = [
            Destination(id: "r1", name: "وادي رم", countryCode: "JO", position: 0),
            Destination(id: "r2", name: "ים המלח", countryCode: "IL", position: 1),
        ]
        trip.posts[0].title = "יום ראשון במדבר"
        trip.posts[0].content = "הלכנו **רחוק** מאוד, עד שהשמש שקעה.\n\n| עיר | ימים |\n|:--|--:|\n| פטרה | 2 |\n"
        trip.posts[0].photos[0].caption = "غروب الشمس فوق الكثبان"
        trip.posts[1].content = "مشينا طويلاً.\n\n- [x] ماء\n- [ ] خيمة\n\n![الكثبان](photo:\(trip.photos[0].id))\n"
        try save(trip)
        try fixtures.story(
            slug, title: "رحلة إلى وادي رم",
            body: """
                وصلنا إلى وادي رم في المساء، والرمال حمراء كالنار.

                ## اليوم الأول

                נסענו דרומה, אל המדבר. Some English words in between, 2024.
                """)
    }

    private func hostile(_ fixtures: FixtureTrips) throws {
        let slug = CheckedSites.Trip.hostile
        var trip = try fixtures.add(trip: slug, title: CheckedSites.Trip.hostileTitle, start: "2024-02-01", photos: ["small.jpg"])
        trip.description = "A line\u{2028}separator, a paragraph\u{2029}separator, <!-- and & </SCRIPT >"
        trip.author = "</script><img src=x onerror=alert(2)>"
        try save(trip)
        // Front matter without a title: the page takes the trip's own.
        try "---\nsummary: \"</script><script>alert(3)</script>\"\ntags: [\"</script>\", \"a\\u2028b\"]\n---\nText.\n"
            .write(to: content.appendingPathComponent("trips/\(slug)/story.md"), atomically: true, encoding: .utf8)
    }

    private func save(_ trip: TabiCore.Trip) throws {
        try TripJSON.encode(trip).write(to: content.appendingPathComponent("trips/\(trip.slug)/trip.json"))
    }

    // MARK: - Markdown a theme must hold

    static let longWord = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"
    static let longURL = "https://example.com/" + String(repeating: "a-very-long-path-segment-", count: 8) + "end"

    /// Eight aligned columns of long cells: wider than any phone.
    static let wideTable = """
        | Day | Start | End | Distance | Climb | Weather | Sleeping | Notes |
        |:----|:-----:|:---:|---------:|------:|:--------|:---------|-------|
        | 1 | Zegama town square | Aitzgorri summit hut | 17 km | 1,200 m | fog, then sun | farmhouse (*baserri*) | \(longWord) |
        | 2 | Cangas de Onís | the high plateau | 14 km | 900 m | rain all day | mountain guesthouse | [a link](\(longURL)) |
        | 3 | Fuente Dé | Santander bay | 6 km | 50 m | clear | hotel by the station | short |
        """

    static let taskList = "- [x] Proper waterproof trousers\n- [ ] A second pair of socks\n- [x] Head torch"

    static let longCode =
        "```swift\nlet route = [\"" + String(repeating: "Zegama-Aitzgorri-", count: 10)
        + "\"]  // a line far wider than a phone\n```"
}
