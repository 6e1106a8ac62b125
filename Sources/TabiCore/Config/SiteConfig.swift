import Foundation
import Yams

/// The site's settings, from `tabi.yml` at the repository root. Every key is optional: what is
/// missing comes from the embedded defaults (``SiteConfig/defaults``), so the pipeline runs with
/// no file at all.
public struct SiteConfig: Codable, Sendable, Equatable {
    /// The site's name, in the header, the feed and page titles.
    public var title: String
    /// The public address the site is served from, with a trailing slash; absolute URLs in the
    /// feed and sitemap start with it.
    public var baseURL: String
    /// A BCP 47 language tag for `<html lang>` and the feed.
    public var language: String
    public var description: String
    /// The theme folder name under `Themes/` (or a path).
    public var theme: String
    public var images: ImageRecipes
    /// How large an original may be (`images.maxPixels`, `images.maxBytes`): the site's alone,
    /// whichever recipes apply.
    public var imageLimits: ImageLimits
    public var narrator: NarratorSettings
    public var publish: PublishSettings
    /// How much Markdown is parsed (`markdown:`).
    public var markdown: MarkdownSettings = .defaults
    /// How many trips a listing page shows (`pagination:`).
    public var pagination: PaginationSettings = .defaults
    /// The top-level keys `tabi.yml` actually set, so a theme's settings (image recipes) apply
    /// where the site left a key out. `images` counts only when it sets a recipe: a site that
    /// sets only limits keeps its theme's recipes.
    public var specifiedKeys: Set<String> = []

    public static let defaults = SiteConfig(
        title: "Tabi Press", baseURL: "http://localhost:8000/", language: "en",
        description: "Travel stories from the road.", theme: "default",
        images: .defaults, narrator: .defaults, publish: .defaults)

    public init(
        title: String, baseURL: String, language: String, description: String,
        theme: String, images: ImageRecipes, imageLimits: ImageLimits = .defaults,
        narrator: NarratorSettings, publish: PublishSettings
    ) {
        self.title = title
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.language = language
        self.description = description
        self.theme = theme
        self.images = images
        self.imageLimits = imageLimits
        self.narrator = narrator
        self.publish = publish
    }

    /// The largest settings file read.
    public static let maximumBytes = 1 << 20

    /// Reads `tabi.yml` text; missing keys take the defaults. Throws ``ConfigError`` naming the key.
    public init(yaml: String, source: String = "tabi.yml") throws(ConfigError) {
        if yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            self = .defaults
            return
        }
        do { try YAMLGuard.checkText(yaml, maximumBytes: Self.maximumBytes) } catch {
            throw ConfigError(file: source, field: nil, reason: "the file \(error)")
        }
        do {
            self = try YAMLDecoder().decode(SiteConfig.self, from: yaml)
        } catch let error as DecodingError {
            throw ConfigError(file: source, decoding: error)
        } catch {
            throw ConfigError(file: source, field: nil, reason: String(describing: error))
        }
    }

    enum CodingKeys: String, CodingKey {
        case title, baseURL, language, description, theme, images, narrator, publish, markdown, pagination
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SiteConfig.defaults
        self.init(
            title: try c.decodeIfPresent(String.self, forKey: .title) ?? d.title,
            baseURL: try c.decodeIfPresent(String.self, forKey: .baseURL) ?? d.baseURL,
            language: try c.decodeIfPresent(String.self, forKey: .language) ?? d.language,
            description: try c.decodeIfPresent(String.self, forKey: .description) ?? d.description,
            theme: try c.decodeIfPresent(String.self, forKey: .theme) ?? d.theme,
            images: try c.decodeIfPresent(ImageRecipes.self, forKey: .images) ?? d.images,
            imageLimits: try c.decodeIfPresent(ImageLimits.self, forKey: .images) ?? d.imageLimits,
            narrator: try c.decodeIfPresent(NarratorSettings.self, forKey: .narrator) ?? d.narrator,
            publish: try c.decodeIfPresent(PublishSettings.self, forKey: .publish) ?? d.publish)
        markdown = try c.decodeIfPresent(MarkdownSettings.self, forKey: .markdown) ?? .defaults
        pagination = try c.decodeIfPresent(PaginationSettings.self, forKey: .pagination) ?? .defaults
        specifiedKeys = Set(c.allKeys.map(\.stringValue))
        if (try? c.nestedContainer(keyedBy: ImageRecipes.CodingKeys.self, forKey: .images))?.allKeys.isEmpty ?? true {
            specifiedKeys.remove(CodingKeys.images.stringValue)
        }
    }
}

/// A `tabi.yml` (or theme settings) that cannot be used, naming the file and the key.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var field: String?
    public var reason: String

    public init(file: String, field: String?, reason: String) {
        self.file = file
        self.field = field
        self.reason = reason
    }

    /// Names the key a decoding error is about (`images.widths[1]`), for any YAML settings file.
    public init(file: String, decoding error: DecodingError) {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(let type, let context):
            self.init(file: file, field: path(context), reason: "expected \(type)")
        case .valueNotFound(let type, let context):
            self.init(file: file, field: path(context), reason: "expected \(type), found nothing")
        case .keyNotFound(let key, let context):
            let parent = path(context)
            self.init(
                file: file, field: parent.isEmpty ? key.stringValue : parent + "." + key.stringValue,
                reason: "is required")
        case .dataCorrupted(let context):
            self.init(
                file: file, field: path(context).isEmpty ? nil : path(context),
                reason: context.debugDescription)
        @unknown default:
            self.init(file: file, field: nil, reason: String(describing: error))
        }
    }

    public var description: String {
        if let field { return "\(file): \(field) \(reason)" }
        return "\(file): \(reason)"
    }
}
