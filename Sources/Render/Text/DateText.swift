import TabiCore

/// Dates as pages show them, in English and in UTC whatever the machine's locale and zone:
/// `2 November 2024`, `2–9 November 2024`, `28 October – 3 November 2024`.
enum DateText {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    /// `2 November 2024`.
    static func day(_ date: CalendarDate) -> String {
        "\(date.day) \(monthNames[date.month - 1]) \(date.year)"
    }

    /// A span of days, sharing the month and year when it can; nil when neither end is known.
    static func range(from start: CalendarDate?, to end: CalendarDate?) -> String? {
        switch (start, end) {
        case (nil, nil):
            return nil
        case (let start?, nil):
            return "From \(day(start))"
        case (nil, let end?):
            return "Until \(day(end))"
        case (let start?, let end?):
            if end <= start { return day(start) }
            if start.year != end.year { return "\(day(start)) – \(day(end))" }
            if start.month != end.month {
                return "\(start.day) \(monthNames[start.month - 1]) – \(day(end))"
            }
            return "\(start.day)–\(end.day) \(monthNames[end.month - 1]) \(end.year)"
        }
    }

    /// `09:30 UTC`: post times are instants, and the traveller's zone is not known.
    static func time(_ timestamp: Timestamp) -> String {
        let text = timestamp.description
        let start = text.index(text.startIndex, offsetBy: 11)
        return String(text[start..<text.index(start, offsetBy: 5)]) + " UTC"
    }

    /// The instant in whole seconds, as `<time datetime>`, Atom and sitemaps write it.
    static func iso(_ timestamp: Timestamp) -> String {
        String(timestamp.description.prefix(19)) + "Z"
    }

    /// Midnight UTC of a day, as an instant.
    static func iso(_ date: CalendarDate) -> String {
        "\(date)T00:00:00Z"
    }
}
