import Markdown
import TabiCore

/// What every page, listing and feed says about one trip, worked out once: the story's front
/// matter over the trip's own facts, the cover, the posts in order and when the content last changed.
struct TripFacts: Sendable {
    let trip: Trip
    /// The story when it may be published (drafts are left out).
    let story: Story?
    /// The story's Markdown as safe HTML; the photos it shows are addressed from
    /// ``StoryPhotos/root`` (``StoryPhotos/placed(_:root:)`` puts the page's root there).
    let storyHTML: RenderedMarkdown?
    let title: String
    /// A plain-text summary: front matter `summary`, else the trip's description, else the story's
    /// first paragraph.
    let summary: String?
    /// The cover photo, when it has renditions.
    let cover: Photo?
    /// Posts oldest first (ties by id), so the page does not depend on input order.
    let posts: [Post]
    /// The `id` of each post's `<article>`, in the order of `posts`.
    let postAnchors: [String]
    /// The posts by day, for the page's timeline.
    let days: [TripDay]
    /// The latest instant found in the content: the trip's `updatedAt`, its newest post, the story's
    /// `date`. Never the time of the build.
    let updated: Timestamp?
    /// The trip's photos as its story and posts draw them.
    let storyPhotos: StoryPhotos
    /// The story, when its Markdown was over the limits and left out.
    let problems: [RenderProblem]

    var slug: String { trip.slug }
    var isPublic: Bool { trip.visibility == .public }

    /// Ids the trip page template itself uses; story headings never take them.
    static let reservedPageIDs: Set<String> = [
        "top", "main", "content", "site-header", "site-footer", "story", "contents", "destinations", "posts",
    ]

    init(content: TripContent, renditions: [String: PhotoRenditions], markdown: MarkdownRenderer, style: PhotoStyle) {
        trip = content.trip
        story = content.publishedStory
        posts = content.trip.posts.sorted { ($0.timestamp, $0.id) < ($1.timestamp, $1.id) }
        let front = story?.frontMatter
        title = Self.title(content)

        postAnchors = PostAnchors.anchors(for: posts)
        days = TripDay.days(of: posts, start: content.trip.startDate)
        let reserved = Self.reservedPageIDs.union(postAnchors).union(days.map(\.anchor))
        storyPhotos = StoryPhotos(trip: content.trip, renditions: renditions, style: style, title: title)
        var problems: [RenderProblem] = []
        var storyHTML: RenderedMarkdown?
        if let story {
            do {
                storyHTML = try markdown.html(
                    from: story.body, reservedIDs: reserved, headingOffset: 1, topHeadingLevel: 2,
                    images: storyPhotos.drawer)
            } catch {
                problems.append(
                    RenderProblem(
                        slug: content.trip.slug, file: "story.md", post: nil,
                        reason: "\(error); the page is built without the story"))
            }
        }
        self.storyHTML = storyHTML
        self.problems = problems
        summary =
            PlainText.clean(front?.summary) ?? PlainText.clean(content.trip.description)
            ?? PlainText.clean(storyHTML?.summary)

        let photos = posts.flatMap { $0.photos.sorted { ($0.position, $0.id) < ($1.position, $1.id) } }
        let candidates = [front?.cover, content.trip.coverPhotoId].compactMap { $0 }
        cover =
            candidates.lazy.compactMap { id in photos.first { $0.id == id && renditions[id] != nil } }.first
            ?? photos.first { renditions[$0.id] != nil }

        updated = Self.updated(content, newestPost: posts.last)
    }

    /// The front matter's title, else the trip's, else its slug.
    static func title(_ content: TripContent) -> String {
        PlainText.clean(content.publishedStory?.frontMatter.title) ?? PlainText.clean(content.trip.title) ?? content.trip.slug
    }

    /// The trip's `updatedAt`, its newest post, the story's `date`: the latest.
    static func updated(_ content: TripContent, newestPost: Post?) -> Timestamp? {
        var instants = [content.trip.updatedAt, newestPost?.timestamp].compactMap { $0 }
        if let day = content.publishedStory?.frontMatter.date, let midnight = Timestamp(DateText.iso(day)) {
            instants.append(midnight)
        }
        return instants.max()
    }
}

/// The `id` of each post's `<article>`: `post-` and the post id kept to `[a-z0-9-]`, numbered
/// instead when that is empty or already taken.
enum PostAnchors {
    static func anchors(for posts: [Post]) -> [String] {
        var used: Set<String> = []
        return posts.enumerated().map { index, post in
            let safe = IDText.kept(post.id)
            let base = safe.isEmpty ? "post-\(index + 1)" : "post-\(safe)"
            var anchor = base
            var counter = 1
            while used.contains(anchor) {
                counter += 1
                anchor = "\(base)-\(counter)"
            }
            used.insert(anchor)
            return anchor
        }
    }
}
