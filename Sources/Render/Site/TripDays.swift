import TabiCore

/// A day of a trip's timeline: the posts written that day (UTC), numbered from the trip's first
/// day, so a day without posts leaves a gap (Day 1, Day 2, Day 5).
struct TripDay: Sendable, Equatable {
    /// `Day 3` counts from the trip's start date, or from its first post when that is earlier
    /// or the start is not known.
    let number: Int
    let date: CalendarDate
    /// The day's posts, as indices into ``TripFacts/posts`` (which are in time order).
    let posts: Range<Int>

    /// The day's id on the trip page.
    var anchor: String { "day-\(number)" }

    /// `posts` grouped by day, in order; `posts` must be sorted by time.
    static func days(of posts: [Post], start: CalendarDate?) -> [TripDay] {
        guard let first = posts.first?.timestamp.day else { return [] }
        let base = start.map { min($0, first) } ?? first
        var days: [TripDay] = []
        var index = 0
        while index < posts.count {
            let date = posts[index].timestamp.day
            var end = index + 1
            while end < posts.count, posts[end].timestamp.day == date { end += 1 }
            // `base` is on or before every post's day.
            let number = date.daysSince1970 - base.daysSince1970 + 1
            days.append(TripDay(number: number, date: date, posts: index..<end))
            index = end
        }
        return days
    }
}
