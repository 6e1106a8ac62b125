import TabiCore

/// Dates as pages show them, in the site's language and in UTC whatever the machine's locale
/// and zone, in the forms each language's readers expect:
///
/// | language | a day | days in one month | across months |
/// |---|---|---|---|
/// | en | 2 November 2024 | 2–9 November 2024 | 28 October – 3 November 2024 |
/// | fr | 1er novembre 2024 | 2–9 novembre 2024 | 28 octobre – 3 novembre 2024 |
/// | de | 2. November 2024 | 2.–9. November 2024 | 28. Oktober – 3. November 2024 |
/// | es | 2 de noviembre de 2024 | 2–9 de noviembre de 2024 | 28 de octubre – 3 de noviembre de 2024 |
/// | ja | 2024年11月2日 | 2024年11月2日～9日 | 2024年10月28日～11月3日 |
///
/// Any other language gets English's forms.
struct DateText: Sendable {
    /// A primary language subtag.
    let language: String

    init(language: String) {
        self.language = Self.months[language] == nil ? "en" : language
    }

    private static let months: [String: [String]] = [
        "en": [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ],
        "fr": [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre",
        ],
        "de": [
            "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
            "November", "Dezember",
        ],
        "es": [
            "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
            "noviembre", "diciembre",
        ],
        "ja": (1...12).map { "\($0)月" },
    ]

    private func month(_ date: CalendarDate) -> String { Self.months[language]![date.month - 1] }

    /// The day of the month alone, as it stands before a month: `2`, `2.`, `1er`.
    private func dayOfMonth(_ date: CalendarDate) -> String {
        switch language {
        case "de": "\(date.day)."
        case "fr" where date.day == 1: "1er"
        default: "\(date.day)"
        }
    }

    /// The day and month without the year: `2 November`, `2 de noviembre`, `11月2日`.
    private func dayAndMonth(_ date: CalendarDate) -> String {
        switch language {
        case "es": "\(date.day) de \(month(date))"
        case "ja": "\(month(date))\(date.day)日"
        default: "\(dayOfMonth(date)) \(month(date))"
        }
    }

    /// `2 November 2024`.
    func day(_ date: CalendarDate) -> String {
        switch language {
        case "es": "\(dayAndMonth(date)) de \(date.year)"
        case "ja": "\(date.year)年\(dayAndMonth(date))"
        default: "\(dayAndMonth(date)) \(date.year)"
        }
    }

    /// From `start` to `end`, sharing the month and year when they can; one day when `end` is
    /// not after `start`.
    func range(_ start: CalendarDate, _ end: CalendarDate) -> String {
        if end <= start { return day(start) }
        if language == "ja" {
            let tail = start.year != end.year ? day(end) : start.month != end.month ? dayAndMonth(end) : "\(end.day)日"
            return "\(day(start))～\(tail)"
        }
        if start.year != end.year { return "\(day(start)) – \(day(end))" }
        if start.month != end.month { return "\(dayAndMonth(start)) – \(day(end))" }
        return "\(dayOfMonth(start))–\(day(end))"
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
