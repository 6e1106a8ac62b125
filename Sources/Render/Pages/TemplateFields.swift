import Mustache

// Mustache finds fields with `Mirror` unless a value answers by name itself. Every view answers
// directly: pages render about twice as fast, and TemplateFieldTests checks each answer against
// the stored properties so the two lists cannot drift apart.

// MARK: - Photos and posts

extension PhotoView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "sources": sources
        case "src": src
        case "srcset": srcset
        case "sizes": sizes
        case "width": width
        case "height": height
        case "alt": alt
        case "caption": caption
        case "loading": loading
        case "fetchPriority": fetchPriority
        default: nil
        }
    }
}

extension PictureSource: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "type": type
        case "srcset": srcset
        case "sizes": sizes
        default: nil
        }
    }
}

extension PostView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "title": title
        case "date": date
        case "time": time
        case "datetime": datetime
        case "place": place
        case "content": content
        case "photos": photos
        case "hasPhotos": hasPhotos
        case "layout": layout
        default: nil
        }
    }
}

extension TripNavView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "newer": newer
        case "older": older
        default: nil
        }
    }
}

extension TripNavLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": url
        case "title": title
        default: nil
        }
    }
}

extension DayView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "heading": heading
        case "date": date
        case "datetime": datetime
        case "posts": posts
        default: nil
        }
    }
}

extension TripView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "author": author
        case "dates": dates
        case "startISO": startISO
        case "endISO": endISO
        case "summary": summary
        case "ongoing": ongoing
        case "stats": stats
        case "travelStats": travelStats
        case "routeMap": routeMap
        case "tags": tags
        case "hasTags": hasTags
        case "cover": cover
        case "story": story
        case "contents": contents
        case "hasContents": hasContents
        case "destinations": destinations
        case "hasDestinations": hasDestinations
        case "days": days
        case "hasPosts": hasPosts
        default: nil
        }
    }
}

extension RouteMapView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "width": width
        case "height": height
        case "points": points
        case "stops": stops
        case "title": title
        default: nil
        }
    }
}

extension RouteStopView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "x": x
        case "y": y
        case "labelY": labelY
        default: nil
        }
    }
}

extension DestinationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "country": country
        case "dates": dates
        case "startISO": startISO
        default: nil
        }
    }
}

extension ContentsEntry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "anchor": anchor
        default: nil
        }
    }
}

extension TripCard: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": url
        case "title": title
        case "dates": dates
        case "startISO": startISO
        case "summary": summary
        case "places": places
        case "stats": stats
        case "thumbnail": thumbnail
        case "tags": tags
        case "hasTags": hasTags
        default: nil
        }
    }
}

extension ThumbnailView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "src": src
        case "width": width
        case "height": height
        default: nil
        }
    }
}

// MARK: - Pages and what every page gets

extension TripPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "page": page
        case "assets": assets
        case "trip": trip
        case "preview": preview
        case "tripNav": tripNav
        default: nil
        }
    }
}

extension PreviewView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "notes": notes
        case "proposal": proposal
        case "diff": diff
        case "hasDiff": hasDiff
        default: nil
        }
    }
}

extension DiffLineView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "kind": kind
        case "mark": mark
        case "text": text
        default: nil
        }
    }
}

extension HomePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "page": page
        case "assets": assets
        case "heading": heading
        case "lede": lede
        case "trips": trips
        case "hasTrips": hasTrips
        case "tagList": tagList
        case "hasTagList": hasTagList
        case "isTagIndex": isTagIndex
        case "pager": pager
        default: nil
        }
    }
}

extension TagLinkView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        case "trips": trips
        default: nil
        }
    }
}

extension PagerView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "newer": newer
        case "older": older
        case "label": label
        default: nil
        }
    }
}

extension NotFoundPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "page": page
        case "assets": assets
        default: nil
        }
    }
}

extension SiteView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description
        case "language": language
        case "home": home
        case "feed": feed
        case "words": words
        default: nil
        }
    }
}

extension WordsView: MustacheParent {
    /// A word by its key; nil for a key no table has (``Theme/load(from:)`` refuses a template
    /// that uses one).
    func child(named name: String) -> Any? { words.has(name) ? words(name) : nil }
}

extension PageMeta: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "headline": headline
        case "description": description
        case "canonical": canonical
        case "noindex": noindex
        case "ogType": ogType
        case "image": image
        case "structuredData": structuredData
        default: nil
        }
    }
}

extension SocialImage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": url
        case "width": width
        case "height": height
        case "alt": alt
        default: nil
        }
    }
}
