import Templates

// Every view answers a template's names itself, as a typed value: no reflection and no casts.
// TemplateFieldTests checks each answer against the stored properties so the two lists cannot
// drift apart.

// MARK: - Photos and posts

extension PhotoView: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "sources": sources.templateValue
        case "src": src.templateValue
        case "srcset": srcset.templateValue
        case "sizes": sizes.templateValue
        case "width": width.templateValue
        case "height": height.templateValue
        case "alt": alt.templateValue
        case "caption": caption.templateValue
        case "loading": loading.templateValue
        case "fetchPriority": fetchPriority.templateValue
        default: .missing
        }
    }
}

extension PictureSource: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "type": type.templateValue
        case "srcset": srcset.templateValue
        case "sizes": sizes.templateValue
        default: .missing
        }
    }
}

extension PostView: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "anchor": anchor.templateValue
        case "title": title.templateValue
        case "date": date.templateValue
        case "time": time.templateValue
        case "datetime": datetime.templateValue
        case "place": place.templateValue
        case "content": content.templateValue
        case "photos": photos.templateValue
        case "hasPhotos": hasPhotos.templateValue
        case "layout": layout.templateValue
        default: .missing
        }
    }
}

extension TripNavView: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "site": site.templateValue
        case "newer": newer.templateValue
        case "older": older.templateValue
        default: .missing
        }
    }
}

extension TripNavLink: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "url": url.templateValue
        case "title": title.templateValue
        default: .missing
        }
    }
}

extension DayView: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "anchor": anchor.templateValue
        case "heading": heading.templateValue
        case "date": date.templateValue
        case "datetime": datetime.templateValue
        case "posts": posts.templateValue
        default: .missing
        }
    }
}

extension TripView: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "title": title.templateValue
        case "author": author.templateValue
        case "dates": dates.templateValue
        case "startISO": startISO.templateValue
        case "endISO": endISO.templateValue
        case "summary": summary.templateValue
        case "ongoing": ongoing.templateValue
        case "stats": stats.templateValue
        case "travelStats": travelStats.templateValue
        case "routeMap": routeMap.templateValue
        case "tags": tags.templateValue
        case "hasTags": hasTags.templateValue
        case "cover": cover.templateValue
        case "story": story.templateValue
        case "contents": contents.templateValue
        case "hasContents": hasContents.templateValue
        case "destinations": destinations.templateValue
        case "hasDestinations": hasDestinations.templateValue
        case "days": days.templateValue
        case "hasPosts": hasPosts.templateValue
        default: .missing
        }
    }
}

extension RouteMapView: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "width": width.templateValue
        case "height": height.templateValue
        case "points": points.templateValue
        case "stops": stops.templateValue
        case "title": title.templateValue
        default: .missing
        }
    }
}

extension RouteStopView: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "number": number.templateValue
        case "x": x.templateValue
        case "y": y.templateValue
        case "labelY": labelY.templateValue
        default: .missing
        }
    }
}

extension DestinationView: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "name": self.name.templateValue
        case "country": country.templateValue
        case "dates": dates.templateValue
        case "startISO": startISO.templateValue
        default: .missing
        }
    }
}

extension ContentsEntry: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "text": text.templateValue
        case "anchor": anchor.templateValue
        default: .missing
        }
    }
}

extension TripCard: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "url": url.templateValue
        case "title": title.templateValue
        case "dates": dates.templateValue
        case "startISO": startISO.templateValue
        case "summary": summary.templateValue
        case "places": places.templateValue
        case "stats": stats.templateValue
        case "thumbnail": thumbnail.templateValue
        case "tags": tags.templateValue
        case "hasTags": hasTags.templateValue
        default: .missing
        }
    }
}

extension ThumbnailView: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "src": src.templateValue
        case "width": width.templateValue
        case "height": height.templateValue
        default: .missing
        }
    }
}

// MARK: - Pages and what every page gets

extension TripPage: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "site": site.templateValue
        case "page": page.templateValue
        case "assets": assets.templateValue
        case "trip": trip.templateValue
        case "preview": preview.templateValue
        case "tripNav": tripNav.templateValue
        default: .missing
        }
    }
}

extension PreviewView: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "notes": notes.templateValue
        case "proposal": proposal.templateValue
        case "diff": diff.templateValue
        case "hasDiff": hasDiff.templateValue
        default: .missing
        }
    }
}

extension DiffLineView: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "kind": kind.templateValue
        case "mark": mark.templateValue
        case "text": text.templateValue
        default: .missing
        }
    }
}

extension HomePage: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "site": site.templateValue
        case "page": page.templateValue
        case "assets": assets.templateValue
        case "heading": heading.templateValue
        case "lede": lede.templateValue
        case "trips": trips.templateValue
        case "hasTrips": hasTrips.templateValue
        case "tagList": tagList.templateValue
        case "hasTagList": hasTagList.templateValue
        case "isTagIndex": isTagIndex.templateValue
        case "pager": pager.templateValue
        default: .missing
        }
    }
}

extension TagLinkView: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "name": self.name.templateValue
        case "url": url.templateValue
        case "trips": trips.templateValue
        default: .missing
        }
    }
}

extension PagerView: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "newer": newer.templateValue
        case "older": older.templateValue
        case "label": label.templateValue
        default: .missing
        }
    }
}

extension NotFoundPage: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "site": site.templateValue
        case "page": page.templateValue
        case "assets": assets.templateValue
        default: .missing
        }
    }
}

extension SiteView: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "title": title.templateValue
        case "description": description.templateValue
        case "language": language.templateValue
        case "home": home.templateValue
        case "feed": feed.templateValue
        case "words": words.templateValue
        default: .missing
        }
    }
}

extension WordsView: TemplateObject {
    /// A word by its key; missing for a key no table has (``Theme/load(from:)`` refuses a
    /// template that uses one).
    func field(_ name: String) -> TemplateValue { words.has(name) ? .text(words(name)) : .missing }
}

extension PageMeta: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "title": title.templateValue
        case "headline": headline.templateValue
        case "description": description.templateValue
        case "canonical": canonical.templateValue
        case "noindex": noindex.templateValue
        case "ogType": ogType.templateValue
        case "image": image.templateValue
        case "structuredData": structuredData.templateValue
        default: .missing
        }
    }
}

extension SocialImage: TemplateObject {
    func field(_ name: String) -> TemplateValue {
        switch name {
        case "url": url.templateValue
        case "width": width.templateValue
        case "height": height.templateValue
        case "alt": alt.templateValue
        default: .missing
        }
    }
}
