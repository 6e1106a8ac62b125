import Markdown
import TabiCore

/// `trips/<slug>/index.html`. Context of the `trip` template.
struct TripPage {
    let site: SiteView
    let page: PageMeta
    let assets: [String: String]
    let trip: TripView
    /// What a writer's preview says above the trip (never in a published build).
    var preview: PreviewView? = nil
    /// Where the links to the newer and older trip go (`{{{tripNav}}}`): markers the renderer
    /// fills in once the listing order is known (``TripNav``).
    let tripNav = TripNav.empty

    /// `at` is where the page is written: the trip's own path, or `index.html` for a site whose
    /// home page is the trip (``SiteRenderer/renderTripAsHome(_:renditions:)``).
    init(
        facts: TripFacts, renditions: [String: PhotoRenditions], sizes: String, markdown: MarkdownRenderer,
        frame: PageFrame, at pagePath: String? = nil, problems: inout [RenderProblem]
    ) {
        let path = pagePath ?? SiteURLs.tripFile(facts.slug)
        let root = SiteURLs.root(ofPage: path)
        site = frame.site(root: root)
        assets = frame.assetURLs(root: root)
        let trip = TripView(
            facts: facts, renditions: renditions, sizes: sizes, markdown: markdown, root: root,
            words: frame.words, problems: &problems)
        self.trip = trip
        var page = PageMeta(
            title: "\(facts.title) — \(frame.config.title)", headline: facts.title,
            description: frame.description(facts.summary),
            canonical: frame.urls.absolute(pagePath == nil ? SiteURLs.trip(facts.slug) : SiteURLs.home),
            noindex: !facts.isPublic,
            ogType: "article",
            image: facts.cover.flatMap { frame.socialImage(renditions[$0.id], alt: trip.cover?.alt ?? facts.title) })
        page.structuredData = BlogPosting.json(facts: facts, page: page, frame: frame)
        self.page = page
    }
}

/// The trip itself (`{{trip.title}}`, `{{#trip.posts}}`).
struct TripView {
    let title: String
    let author: String?
    let dates: String?
    let startISO: String?
    let endISO: String?
    let summary: String?
    /// The trip is still going on (the app's `ongoing` status).
    let ongoing: Bool
    let stats: String?
    /// `8 days · 5 places · 2 countries · about 620 km`.
    let travelStats: String?
    /// The route drawn from the destinations (two located ones at least).
    let routeMap: RouteMapView?
    let tags: [TagLinkView]
    let hasTags: Bool
    let cover: PhotoView?
    /// The story as safe HTML (for `{{{trip.story}}}`); nil without a published story.
    let story: String?
    /// The story's top-level headings, when there are at least two: a table of contents.
    let contents: [ContentsEntry]
    let hasContents: Bool
    let destinations: [DestinationView]
    let hasDestinations: Bool
    /// The posts by day: the trip's timeline.
    let days: [DayView]
    let hasPosts: Bool

    init(
        facts: TripFacts, renditions: [String: PhotoRenditions], sizes: String, markdown: MarkdownRenderer,
        root: String, words: SiteWords, problems: inout [RenderProblem]
    ) {
        title = facts.title
        author = PlainText.clean(facts.trip.author)
        dates = words.range(from: facts.trip.startDate, to: facts.trip.endDate)
        startISO = facts.trip.startDate?.description
        endISO = facts.trip.endDate?.description
        summary = facts.summary
        ongoing = facts.trip.status == .ongoing
        stats = TripCard.stats(
            posts: facts.posts.count,
            photos: facts.posts.reduce(0) { $0 + $1.photos.filter { renditions[$0.id] != nil }.count },
            words: words)
        let ordered = DestinationView.ordered(facts.trip.destinations)
        travelStats = TripStats.line(trip: facts.trip, destinations: ordered, words: words)
        routeMap = RouteMapView(ordered, words: words)
        tags = SiteTag.unique((facts.story?.frontMatter.tags ?? []).compactMap { PlainText.clean($0) })
            .map { TagLinkView($0, root: root, linked: facts.isPublic) }
        hasTags = !tags.isEmpty
        cover = facts.cover.flatMap {
            PhotoView(
                photo: $0, renditions: renditions[$0.id], fallbackAlt: words("cover_alt", ["title": facts.title]),
                sizes: sizes, root: root, eager: true)
        }
        story = facts.storyHTML.map { StoryPhotos.placed($0.html, root: root) }
        let headings = facts.storyHTML?.headings ?? []
        let top = headings.map(\.level).min()
        let sections = headings.filter { $0.level == top }
        contents = sections.count >= 2 ? sections.map { ContentsEntry(text: $0.text, anchor: "#" + $0.id) } : []
        hasContents = !contents.isEmpty
        destinations = ordered.compactMap { DestinationView($0, words: words) }
        hasDestinations = !destinations.isEmpty
        var posts: [PostView] = []
        for (post, anchor) in zip(facts.posts, facts.postAnchors) {
            posts.append(
                PostView(
                    post: post, anchor: anchor, destination: facts.trip.destination(of: post),
                    tripTitle: facts.title, renditions: renditions, sizes: sizes, markdown: markdown,
                    root: root, words: words, storyPhotos: facts.storyPhotos, problems: &problems, slug: facts.slug))
        }
        days = facts.days.map { DayView($0, posts: Array(posts[$0.posts]), words: words) }
        hasPosts = !posts.isEmpty
    }
}

/// A day of the timeline: `Day 3`, its date, and its posts.
struct DayView {
    let anchor: String
    /// `Day 3`.
    let heading: String
    let date: String
    /// `2024-11-04`, for `<time datetime>`.
    let datetime: String
    let posts: [PostView]

    init(_ day: TripDay, posts: [PostView], words: SiteWords) {
        anchor = day.anchor
        heading = words("day_number", ["number": String(day.number)])
        date = words.day(day.date)
        datetime = day.date.description
        self.posts = posts
    }
}

/// A link in the story's table of contents.
struct ContentsEntry {
    let text: String
    let anchor: String
}

/// A destination with its country and dates. Never its coordinates.
struct DestinationView {
    let name: String
    let country: String?
    let dates: String?
    let startISO: String?

    init?(_ destination: Destination, words: SiteWords) {
        guard let name = PlainText.clean(destination.name) else { return nil }
        self.name = name
        country = destination.countryCode.flatMap(CountryNames.name)
        dates = words.range(from: destination.arrivalDate, to: destination.departureDate)
        startISO = destination.arrivalDate?.description
    }

    /// The app's order: `position`, then arrival, then name and id.
    static func ordered(_ destinations: [Destination]) -> [Destination] {
        destinations.sorted {
            ($0.position, $0.arrivalDate?.description ?? "~", $0.name, $0.id)
                < ($1.position, $1.arrivalDate?.description ?? "~", $1.name, $1.id)
        }
    }
}

/// One post. Its text is the traveller's untrusted Markdown, rendered in safe mode; its position
/// (latitude/longitude) is never part of the page.
struct PostView {
    let anchor: String
    let title: String?
    let date: String
    let time: String
    let datetime: String
    /// The destination's name, when its row still exists.
    let place: String?
    let content: String?
    let photos: [PhotoView]
    let hasPhotos: Bool
    /// `single`, `pair` or `grid`, for the photo layout.
    let layout: String

    init(
        post: Post, anchor: String, destination: Destination?, tripTitle: String,
        renditions: [String: PhotoRenditions], sizes: String, markdown: MarkdownRenderer, root: String,
        words: SiteWords, storyPhotos: StoryPhotos, problems: inout [RenderProblem], slug: String
    ) {
        self.anchor = anchor
        title = PlainText.clean(post.title)
        date = words.day(post.timestamp.day)
        time = DateText.time(post.timestamp)
        datetime = DateText.iso(post.timestamp)
        place = destination.flatMap { PlainText.clean($0.name) }
        // Days are <h3> and post titles <h4>: the traveller's own headings start at <h5> (at <h4>
        // under an untitled post).
        var text: String?
        if let markdownText = post.content {
            do {
                text = try markdown.html(
                    from: markdownText, idPrefix: anchor + "-", headingOffset: 4,
                    topHeadingLevel: title == nil ? 4 : 5, images: storyPhotos.drawer
                ).html
            } catch {
                problems.append(
                    RenderProblem(
                        slug: slug, file: "trip.json", post: "post \(post.id)",
                        reason: "\(error); the post is shown without its text"))
            }
        }
        content = text?.isEmpty == false ? text.map { StoryPhotos.placed($0, root: root) } : nil
        let fallbackAlt = words("photo_alt", ["title": title ?? "\(tripTitle), \(date)"])
        photos = post.photos.sorted { ($0.position, $0.id) < ($1.position, $1.id) }.compactMap {
            PhotoView(photo: $0, renditions: renditions[$0.id], fallbackAlt: fallbackAlt, sizes: sizes, root: root)
        }
        hasPhotos = !photos.isEmpty
        layout = photos.count == 1 ? "single" : photos.count == 2 ? "pair" : "grid"
    }
}
