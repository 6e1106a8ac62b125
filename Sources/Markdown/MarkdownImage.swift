/// An image written in Markdown (`![alt](address)`), as the caller that draws it sees it.
public struct MarkdownImage: Sendable, Equatable {
    /// The address as written (entities and escapes already decoded), e.g. `photo:<id>`.
    public var address: String
    /// The image's text as plain text, whitespace collapsed; empty when the writer gave none.
    public var alt: String
    /// Alone in its paragraph: drawn as a block (a figure) in place of the paragraph. Otherwise
    /// it sits in running text and must be phrasing content (a `<picture>` or an `<img>`).
    public var standalone: Bool

    public init(address: String, alt: String, standalone: Bool) {
        self.address = address
        self.alt = alt
        self.standalone = standalone
    }
}

/// Draws the images a document names: safe HTML with the image's width and height for one it
/// knows, nil for one it does not (that image becomes a link to its address, or its text when the
/// address is refused). The HTML is printed as given: the drawer escapes what it puts in it. No
/// text of the document reaches the HTML as a C0 control, so the drawer may use one (never NUL)
/// to mark a place it fills in later (``ControlCharacters``).
public typealias MarkdownImageDrawer = @Sendable (MarkdownImage) -> String?
