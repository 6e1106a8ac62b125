import Foundation
import TabiCore

/// What a model is told about a trip: the public facts of `trip.json` a story can be written
/// from, and nothing else.
///
/// Built from a ``Trip`` alone (extract only publishes public trips and posts), and narrower
/// still: coordinates, storage keys, hashes, database ids and sync stamps never reach a model.
/// Photo ids appear only as ``coverChoices`` (the model may pick the cover by id).
public struct NarrationFacts: Sendable, Equatable, Encodable {
    public var title: String
    public var description: String?
    public var author: String?
    public var startDate: String?
    public var endDate: String?
    /// `planning`, `ongoing` or `completed`.
    public var status: String
    /// Destinations in the trip's order (only those of the posts, in a part).
    public var places: [PlaceFacts]
    /// Posts, oldest first; empty in the overview a join is given.
    public var posts: [PostFacts]
    /// How many posts and photos the whole trip has (in every part and overview too).
    public var postCount: Int
    public var photoCount: Int
    /// Photos the model may choose the cover from (id and caption); whole trips and joins only.
    public var coverChoices: [CoverChoice]?

    /// The facts of `trip`, with every post and the cover choices.
    public init(trip: Trip) {
        title = trip.title
        description = trip.description.flatMap(Self.nonEmpty)
        author = trip.author.flatMap(Self.nonEmpty)
        startDate = trip.startDate?.description
        endDate = trip.endDate?.description
        status = trip.status.rawValue
        places = trip.destinations.map(PlaceFacts.init)
        posts = trip.posts.map { PostFacts(post: $0, place: trip.destination(of: $0)?.name) }
        postCount = trip.posts.count
        photoCount = trip.photos.count
        coverChoices = CoverChoice.choices(for: trip)
    }

    /// The facts without their posts: what a join call is told (the posts are in its drafts).
    public var overview: NarrationFacts {
        var facts = self
        facts.posts = []
        return facts
    }

    /// The facts of some of the posts, for drafting one part: the trip's headline facts, the
    /// places of those posts, no cover choices.
    public func part(_ posts: [PostFacts]) -> NarrationFacts {
        var facts = self
        let names = Set(posts.compactMap(\.place))
        facts.places = places.filter { names.contains($0.name) }
        facts.posts = posts
        facts.coverChoices = nil
        return facts
    }

    /// Compact JSON, keys sorted: the text prompts carry and input hashes cover.
    public var json: String { Self.encode(self) }

    static func encode(_ value: some Encodable) -> String {
        // Only strings, numbers and arrays: encoding cannot fail.
        String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func nonEmpty(_ text: String) -> String? {
        text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
    }
}

/// A destination as a model sees it: its name, country and dates.
public struct PlaceFacts: Sendable, Equatable, Encodable {
    public var name: String
    public var country: String?
    public var arrival: String?
    public var departure: String?

    init(_ destination: Destination) {
        name = destination.name
        country = destination.countryCode
        arrival = destination.arrivalDate?.description
        departure = destination.departureDate?.description
    }
}

/// A post as a model sees it: day, title, place, text and photo captions.
public struct PostFacts: Sendable, Equatable, Encodable {
    /// The UTC day it was posted.
    public var date: String
    public var title: String?
    /// The destination's name.
    public var place: String?
    /// The traveller's Markdown.
    public var text: String?
    /// Captions of its photos (uncaptioned photos are left out).
    public var photos: [String]

    init(post: Post, place: String?) {
        date = post.timestamp.day.description
        title = post.title.flatMap(NarrationFacts.nonEmpty)
        self.place = place
        text = post.content.flatMap(NarrationFacts.nonEmpty)
        photos = post.photos.compactMap { $0.caption.flatMap(NarrationFacts.nonEmpty) }
    }

    /// The length of its JSON, which is what it adds to a prompt.
    var size: Int { NarrationFacts.encode(self).count + 1 }

    /// The post cut down to at most `limit` characters of JSON: its text is shortened and ends
    /// with a marker saying how much was left out, then its captions go. Never dropped.
    func fitted(to limit: Int) -> PostFacts {
        var post = self
        guard post.size > limit else { return post }
        if let text {
            let characters = Array(text)
            var keep = max(characters.count - (post.size - limit), 0)
            while true {
                let omitted = characters.count - keep
                post.text = String(characters.prefix(keep)) + "… [\(omitted) more characters of this post left out]"
                if post.size <= limit || keep == 0 { break }
                keep = max(keep - max(post.size - limit, 16), 0)
            }
        }
        while post.size > limit, !post.photos.isEmpty { post.photos.removeLast() }
        return post
    }
}

/// A photo the cover may be: its id and caption.
public struct CoverChoice: Sendable, Equatable, Encodable {
    public var id: String
    public var caption: String?

    /// The most photos offered: enough to choose from, few enough not to crowd the prompt.
    static let limit = 24

    /// The trip's own cover first, then captioned photos spread evenly over the trip.
    static func choices(for trip: Trip) -> [CoverChoice] {
        let photos = trip.photos
        var chosen: [CoverChoice] = []
        if let cover = trip.coverPhotoId, let photo = photos.first(where: { $0.id == cover }) {
            chosen.append(CoverChoice(id: photo.id, caption: photo.caption.flatMap(NarrationFacts.nonEmpty)))
        }
        let captioned = photos.filter { $0.id != trip.coverPhotoId && $0.caption.flatMap(NarrationFacts.nonEmpty) != nil }
        let room = limit - chosen.count
        let step = max(Double(captioned.count) / Double(max(room, 1)), 1)
        var index = 0.0
        while Int(index) < captioned.count, chosen.count < limit {
            let photo = captioned[Int(index)]
            chosen.append(CoverChoice(id: photo.id, caption: photo.caption))
            index += step
        }
        return chosen
    }
}
