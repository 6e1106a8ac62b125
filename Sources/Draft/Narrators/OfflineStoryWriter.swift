import Foundation
import TabiCore

/// The offline narrator's writing: Markdown made from facts with fixed phrases, in English.
struct OfflineStoryWriter {
    /// The longest highlight taken from a post, in characters (cut at a sentence end).
    static let highlightLimit = 700

    // MARK: - Story

    /// A whole story: front matter, introduction, itinerary, the sections, closing.
    func story(overview: NarrationFacts, sections: [String]) -> String {
        var front = StoryFrontMatter(
            title: overview.title, summary: summary(overview),
            cover: overview.coverChoices?.first?.id, tags: tags(overview))
        front.draft = false
        var body = introduction(overview)
        if let table = itinerary(overview) { body += "\n" + table }
        let merged = merge(sections).trimmingCharacters(in: .whitespacesAndNewlines)
        if !merged.isEmpty { body += "\n" + merged + "\n" }
        body += "\n" + closing(overview)
        return Story(frontMatter: front, body: body).rendered()
    }

    /// Sections joined in order; a place heading that repeats the one just before it (a place
    /// split between parts) is dropped, so the place reads as one section.
    func merge(_ sections: [String]) -> String {
        var out: [Substring] = []
        var lastHeading: Substring?
        for section in sections {
            for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("## ") {
                    if line == lastHeading { continue }
                    lastHeading = line
                }
                out.append(line)
            }
            while out.last?.isEmpty == true { out.removeLast() }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    private func introduction(_ facts: NarrationFacts) -> String {
        var paragraphs: [String] = []
        if let description = facts.description { paragraphs.append(description.trimmingCharacters(in: .whitespacesAndNewlines)) }
        var sentence = ""
        switch (facts.startDate.flatMap(CalendarDate.init), facts.endDate.flatMap(CalendarDate.init)) {
        case (let start?, let end?) where start != end: sentence = "From \(Self.long(start)) to \(Self.long(end)), "
        case (let start?, _): sentence = "On \(Self.long(start)), "
        default: break
        }
        sentence += facts.author ?? "the traveller"
        let names = facts.places.map(\.name)
        sentence += names.isEmpty ? " kept this travel log" : " travelled through \(Self.list(names))"
        let posts = facts.postCount
        let photos = facts.photoCount
        sentence += ": \(Self.count(posts, "post")) and \(Self.count(photos, "photo"))."
        paragraphs.append(sentence.prefix(1).uppercased() + sentence.dropFirst())
        return paragraphs.joined(separator: "\n\n") + "\n"
    }

    private func itinerary(_ facts: NarrationFacts) -> String? {
        guard !facts.places.isEmpty else { return nil }
        var rows = ["## Itinerary", "", "| Dates | Place | Country |", "|---|---|---|"]
        for place in facts.places {
            let arrival = place.arrival.flatMap(CalendarDate.init), departure = place.departure.flatMap(CalendarDate.init)
            let dates: String
            switch (arrival, departure) {
            case (let a?, let d?) where a != d: dates = Self.range(a, d)
            case (let a?, _): dates = Self.short(a)
            case (nil, let d?): dates = "until \(Self.short(d))"
            default: dates = ""
            }
            rows.append("| \(dates) | \(Self.cell(place.name)) | \(place.country.map(Self.countryName) ?? "") |")
        }
        return rows.joined(separator: "\n") + "\n"
    }

    private func closing(_ facts: NarrationFacts) -> String {
        var text = "## Looking back\n\n"
        var parts: [String] = []
        if let start = facts.startDate.flatMap(CalendarDate.init), let end = facts.endDate.flatMap(CalendarDate.init), end >= start {
            let days = Calendar.utc.dateComponents([.day], from: start.date, to: end.date).day! + 1
            parts.append(Self.count(days, "day"))
        }
        if !facts.places.isEmpty { parts.append(Self.count(facts.places.count, "place")) }
        parts.append(Self.count(facts.postCount, "post"))
        text += Self.list(parts).prefix(1).uppercased() + Self.list(parts).dropFirst() + "."
        switch facts.status {
        case "ongoing": text += " The trip is still going, so there is more to come."
        case "planning": text += " The trip is still being planned."
        default:
            if let first = facts.places.first?.name, let last = facts.places.last?.name, first != last {
                text += " From \(first) to \(last), and every step of it written down on the way."
            }
        }
        return text + "\n"
    }

    // MARK: - Sections

    /// A `## Place` section per run of posts at one place, each post with its highlight.
    func sections(_ facts: NarrationFacts) -> String {
        var out: [String] = []
        var current: String??
        for post in facts.posts {
            if current == nil || current! != post.place {
                current = .some(post.place)
                out.append("## \(post.place ?? "Along the way")\n")
            }
            out.append(self.post(post))
        }
        return out.joined(separator: "\n")
    }

    private func post(_ post: PostFacts) -> String {
        let day = CalendarDate(post.date)
        var lines: [String] = []
        if let title = post.title {
            lines.append("### \(Self.inline(title))")
            if let day { lines += ["", "*\(Self.long(day))*"] }
        } else {
            lines.append("### \(day.map(Self.long) ?? post.date)")
        }
        if let text = post.text { lines += ["", highlight(text)] }
        if !post.photos.isEmpty {
            lines += [
                "",
                "*" + (post.photos.count == 1 ? "Photo" : "Photos") + ": "
                    + post.photos.map { Self.inline($0) }.joined(separator: "; ") + "*",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The post's first paragraph, cut at a sentence end when long.
    func highlight(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        let paragraph = normalized.components(separatedBy: "\n\n").first ?? normalized
        guard paragraph.count > Self.highlightLimit else { return paragraph }
        let head = paragraph.prefix(Self.highlightLimit)
        if let end = head.lastIndex(where: { ".!?。".contains($0) }), head.distance(from: head.startIndex, to: end) > 80 {
            return String(head[...end])
        }
        return head.trimmingCharacters(in: .whitespaces) + "…"
    }

    // MARK: - Front matter

    private func summary(_ facts: NarrationFacts) -> String {
        if let description = facts.description, let first = description.split(whereSeparator: { ".!?\n".contains($0) }).first {
            let sentence = first.trimmingCharacters(in: .whitespaces)
            if sentence.count >= 20 { return sentence + "." }
        }
        let posts = Self.count(facts.postCount, "post")
        return facts.places.isEmpty ? "\(posts) from the road." : "\(posts) from \(Self.list(facts.places.map(\.name)))."
    }

    private func tags(_ facts: NarrationFacts) -> [String] {
        var tags: [String] = []
        for place in facts.places { if let country = place.country { tags.append(Self.countryName(country)) } }
        tags += facts.places.map(\.name)
        var seen = Set<String>()
        return tags.compactMap { Slug.make(from: $0) }.filter { seen.insert($0).inserted }.prefix(6).map { $0 }
    }

    // MARK: - Words

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    static func countryName(_ code: String) -> String {
        Locale(identifier: "en_US_POSIX").localizedString(forRegionCode: code) ?? code
    }

    /// `Saturday 12 October 2024`.
    static func long(_ day: CalendarDate) -> String {
        let weekday = Calendar.utc.component(.weekday, from: day.date)  // 1 is Sunday
        return "\(weekdays[weekday - 1]) \(day.day) \(months[day.month - 1]) \(day.year)"
    }

    /// `12 Oct 2024`.
    static func short(_ day: CalendarDate) -> String { "\(day.day) \(months[day.month - 1].prefix(3)) \(day.year)" }

    /// `12–14 Oct 2024`, `30 Sep – 2 Oct 2024`, `30 Dec 2024 – 2 Jan 2025`.
    static func range(_ from: CalendarDate, _ to: CalendarDate) -> String {
        if from.year != to.year { return "\(short(from)) – \(short(to))" }
        if from.month != to.month { return "\(from.day) \(months[from.month - 1].prefix(3)) – \(short(to))" }
        return "\(from.day)–\(short(to))"
    }

    // English names, fixed: the same facts give the same words on every machine and locale.
    private static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]

    /// Text on one line (headings, captions): line breaks become spaces.
    static func inline(_ text: String) -> String { StoryFinisher.line(text, limit: .max) ?? "" }

    /// Text for a table cell: one line, `|` escaped.
    static func cell(_ text: String) -> String { inline(text).replacingOccurrences(of: "|", with: "\\|") }
}
