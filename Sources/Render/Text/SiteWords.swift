import TabiCore

/// The words pages are written with, in the site's `language` (`tabi.yml`): the theme's strings
/// for that language (``ThemeStrings``: the full tag, then its primary subtag, then `en`), and the
/// built-in English below for any key none of them has. Dates follow the language too
/// (``DateText``).
struct SiteWords: Sendable {
    /// The primary subtag, lower case (`fr` for `fr-CA`).
    let language: String
    let dates: DateText
    private let table: [String: ThemeWord]

    init(language tag: String, strings: ThemeStrings) {
        let full = tag.lowercased().replacingOccurrences(of: "_", with: "-")
        language = full.split(separator: "-").first.map(String.init) ?? "en"
        dates = DateText(language: language)
        var table = Self.english
        for candidate in ["en", language, full] {
            table.merge(strings.languages[candidate] ?? [:]) { $1 }
        }
        self.table = table
    }

    /// The word for `key`, its `{name}` marks filled from `values`; the key itself when no table
    /// has it (a theme's typo shows on the page rather than vanishing).
    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        switch table[key] {
        case .text(let text)?: Self.fill(text, values)
        case .plural(_, let other)?: Self.fill(other, values)
        case nil: key
        }
    }

    /// Whether some table has `key`.
    func has(_ key: String) -> Bool { table[key] != nil }

    /// The plural form of `key` for `count`, with `{count}` filled.
    func count(_ key: String, _ count: Int) -> String {
        let values = ["count": String(count)]
        switch table[key] {
        case .plural(let one?, let other)?: return Self.fill(isOne(count) ? one : other, values)
        case .plural(nil, let other)?: return Self.fill(other, values)
        case .text(let text)?: return Self.fill(text, values)
        case nil: return key
        }
    }

    /// CLDR's cardinal `one` for whole numbers: 0 and 1 in French, none in Japanese, else 1.
    private func isOne(_ count: Int) -> Bool {
        switch language {
        case "fr": count == 0 || count == 1
        case "ja", "zh", "ko": false
        default: count == 1
        }
    }

    /// `text` with each `{name}` that `values` has replaced by its value, in one pass: a value
    /// is never looked at again, so a tag or title that holds `{site}` stays as it is whatever
    /// order the values come in (and no bridged `replacingOccurrences` a value: 2 % of a build).
    static func fill(_ text: String, _ values: [String: String]) -> String {
        let utf8 = text.utf8
        guard var open = utf8.firstIndex(of: UInt8(ascii: "{")) else { return text }
        var result = String(text[..<open])
        while true {
            guard let close = utf8[open...].firstIndex(of: UInt8(ascii: "}")) else {
                result += text[open...]
                return result
            }
            // A `{` before the `}` starts the placeholder again: `{{name}` keeps its first `{`.
            let start = utf8[utf8.index(after: open)..<close].lastIndex(of: UInt8(ascii: "{")) ?? open
            result += text[open..<start]
            if let value = values[String(text[utf8.index(after: start)..<close])] {
                result += value
            } else {
                result += text[start...close]
            }
            let rest = utf8.index(after: close)
            guard let next = utf8[rest...].firstIndex(of: UInt8(ascii: "{")) else {
                result += text[rest...]
                return result
            }
            result += text[rest..<next]
            open = next
        }
    }

    // MARK: - Dates

    /// `2 November 2024` in the site's language.
    func day(_ date: CalendarDate) -> String { dates.day(date) }

    /// A span of days in the site's language; nil when neither end is known.
    func range(from start: CalendarDate?, to end: CalendarDate?) -> String? {
        switch (start, end) {
        case (nil, nil): nil
        case (let start?, nil): self("date_from", ["date": dates.day(start)])
        case (nil, let end?): self("date_until", ["date": dates.day(end)])
        case (let start?, let end?): dates.range(start, end)
        }
    }

    // MARK: - English

    /// Every key tabi-press and the default theme use, in English.
    static let english: [String: ThemeWord] = [
        // The layout.
        "skip_to_content": .text("Skip to content"),
        "site_navigation": .text("Site"),
        "trips": .text("Trips"),
        "feed": .text("Feed"),
        "subscribe": .text("Subscribe (Atom)"),
        // Listings.
        "tags": .text("Tags"),
        "pages": .text("Pages"),
        "newer": .text("Newer trips"),
        "older": .text("Older trips"),
        "no_trips": .text("No trips have been published yet."),
        "page_of": .text("Page {number} of {count}"),
        "page_suffix": .text("page {number} of {count}"),
        "tag_heading": .text("Trips tagged “{tag}”"),
        "tag_description": .text("Trips tagged “{tag}” on {site}."),
        "tags_description": .text("Every tag of the trips on {site}."),
        "trip_count": .plural(one: "{count} trip", other: "{count} trips"),
        "post_count": .plural(one: "{count} post", other: "{count} posts"),
        "photo_count": .plural(one: "{count} photo", other: "{count} photos"),
        // A trip's page.
        "all_trips": .text("All trips"),
        "by": .text("By"),
        "still_travelling": .text("Still travelling"),
        "route": .text("Route"),
        "route_title": .text("Route: {places}"),
        "in_this_story": .text("In this story"),
        "from_the_road": .text("From the road"),
        "day_number": .text("Day {number}"),
        "more_trips": .text("More trips"),
        "newer_trip": .text("Newer trip"),
        "older_trip": .text("Older trip"),
        "day_count": .plural(one: "{count} day", other: "{count} days"),
        "place_count": .plural(one: "{count} place", other: "{count} places"),
        "country_count": .plural(one: "{count} country", other: "{count} countries"),
        "distance": .text("about {km} km"),
        "cover_alt": .text("Cover photo of {title}"),
        "photo_alt": .text("Photo from {title}"),
        "date_from": .text("From {date}"),
        "date_until": .text("Until {date}"),
        // The 404 page.
        "not_found": .text("Page not found"),
        "not_found_text": .text("This page has wandered off the map. It may have moved, or the address may be mistyped."),
        "see_all_trips": .text("See all trips"),
        // Task-list checkboxes in Markdown, as a screen reader names them.
        "task_done": .text("done"),
        "task_not_done": .text("not done"),
        // What `tabi-press preview` tells a writer above a trip (never in a published build).
        "preview": .text("Preview"),
        "preview_draft_story": .text("This story says draft: true: readers will not see it until its front matter says draft: false."),
        "preview_waiting_draft": .text("A newer draft waits beside story.md, in story.draft.md."),
        "preview_read_proposal": .text("Read the newer draft, and what it changes"),
        "preview_proposal": .text(
            "This is story.draft.md, the newer draft beside story.md. Nothing of it is published until it is copied into story.md."),
    ]
}

/// `{{site.words.<key>}}` in a template.
struct WordsView {
    let words: SiteWords
}
