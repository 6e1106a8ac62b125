/// How a trip's facts are split so that every call stays within the character budget and every
/// post reaches a call: one call for a trip that fits, else parts (map) that a join (reduce)
/// puts back together.
///
/// Posts are grouped by runs of the same place (a trip that returns somewhere gets a new run, so
/// the order stays chronological); runs are packed into parts while they fit, and a run too big
/// for one part is split between posts. A single post bigger than a part is shortened with a
/// marker saying so, never dropped.
public struct ChunkPlan: Sendable, Equatable {
    /// The calls that draft the story's parts; one whole-trip call when ``isWhole``.
    public var parts: [NarrationFacts]
    /// Whether the trip fits one call (no join needed).
    public var isWhole: Bool
    /// How many posts had to be shortened to fit.
    public var shortenedPosts: Int

    /// Plans the calls for `facts` with at most `budget` characters of facts JSON per call.
    public init(facts: NarrationFacts, budget: Int) {
        if facts.json.count <= budget {
            self.init(parts: [facts], isWhole: true, shortenedPosts: 0)
            return
        }
        // What every part carries besides its posts: the headline facts and (at most) all places.
        let frame = facts.part([]).with(places: facts.places).json.count
        let room = max(budget - frame, budget / 4)
        var runs: [[PostFacts]] = []
        for post in facts.posts {
            if let last = runs.last?.last, last.place == post.place {
                runs[runs.count - 1].append(post)
            } else {
                runs.append([post])
            }
        }
        var shortened = 0
        var items: [(post: PostFacts, size: Int, startsRun: Bool)] = []
        for run in runs {
            for (index, post) in run.enumerated() {
                var fitted = post
                if post.size > room {
                    fitted = post.fitted(to: room)
                    shortened += 1
                }
                items.append((fitted, fitted.size, index == 0))
            }
        }
        // A run starts a new part when it does not fit in the current one's space left but would
        // fit in an empty part: places stay together whenever they can.
        var runSizes: [Int] = []
        for item in items {
            if item.startsRun { runSizes.append(0) }
            runSizes[runSizes.count - 1] += item.size
        }
        var parts: [[PostFacts]] = [[]]
        var used = 0
        var run = -1
        for item in items {
            if item.startsRun {
                run += 1
                if used > 0, used + runSizes[run] > room, runSizes[run] <= room {
                    parts.append([])
                    used = 0
                }
            }
            if used > 0, used + item.size > room {
                parts.append([])
                used = 0
            }
            parts[parts.count - 1].append(item.post)
            used += item.size
        }
        self.init(parts: parts.filter { !$0.isEmpty }.map { facts.part($0) }, isWhole: false, shortenedPosts: shortened)
    }

    init(parts: [NarrationFacts], isWhole: Bool, shortenedPosts: Int) {
        self.parts = parts
        self.isWhole = isWhole
        self.shortenedPosts = shortenedPosts
    }

    /// Consecutive groups of `sizes` whose totals stay within `capacity` (an item larger than
    /// `capacity` is a group of its own): how section drafts are joined in rounds.
    public static func groups(of sizes: [Int], capacity: Int) -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var start = 0, used = 0
        for (index, size) in sizes.enumerated() {
            if index > start, used + size > capacity {
                groups.append(start..<index)
                start = index
                used = 0
            }
            used += size
        }
        if start < sizes.count { groups.append(start..<sizes.count) }
        return groups
    }
}

extension NarrationFacts {
    func with(places: [PlaceFacts]) -> NarrationFacts {
        var facts = self
        facts.places = places
        return facts
    }
}
