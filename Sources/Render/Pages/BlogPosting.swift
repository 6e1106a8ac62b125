import TabiCore

/// The JSON-LD a trip page gives search engines: a schema.org `BlogPosting` with the trip's
/// headline, description, dates, author, cover and tags, as a data block in `<head>` (the CSP's
/// `script-src` runs no data block, and none needs to run).
enum BlogPosting {
    /// The JSON text for `<script type="application/ld+json">`, escaped for it (``ScriptJSON``).
    static func json(facts: TripFacts, page: PageMeta, frame: PageFrame) -> String {
        var posting: [String: JSONValue] = [
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "headline": .string(page.headline),
            "description": .string(page.description),
            "url": .string(page.canonical),
            "mainEntityOfPage": .string(page.canonical),
            "inLanguage": .string(frame.config.language),
            "publisher": ["@type": "Organization", "name": .string(frame.config.title)],
        ]
        if let published = facts.story?.frontMatter.date ?? facts.trip.startDate {
            posting["datePublished"] = .string(DateText.iso(published))
        }
        if let updated = facts.updated { posting["dateModified"] = .string(DateText.iso(updated)) }
        if let author = PlainText.clean(facts.trip.author) { posting["author"] = ["@type": "Person", "name": .string(author)] }
        if let image = page.image {
            posting["image"] = [
                "@type": "ImageObject", "url": .string(image.url), "width": .int(image.width),
                "height": .int(image.height),
            ]
        }
        let tags = (facts.story?.frontMatter.tags ?? []).compactMap { PlainText.clean($0) }
        if !tags.isEmpty { posting["keywords"] = .string(tags.joined(separator: ", ")) }
        return ScriptJSON.text(.object(posting))
    }
}
