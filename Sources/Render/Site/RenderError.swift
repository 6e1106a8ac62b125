/// Why the site (or one trip of it) could not be rendered, naming the trip.
public enum RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The trip's slug is not a single safe path component (see `Slug.pattern`).
    case invalidSlug(tripID: String, slug: String)

    public var description: String {
        switch self {
        case .invalidSlug(let id, let slug):
            "trip \(id) has the slug \"\(slug)\", which is not a safe URL name ([a-z0-9-], starting with a letter or digit)"
        }
    }
}
