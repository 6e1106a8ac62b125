import CCmarkGFM
import SafeText

/// Gives every image of a document its size, or takes it out: a page must say how large each
/// `<img>` is before it loads (no layout shift), and the size of an address on another server is
/// not known when the page is built. So an image the drawer knows (a photo of the trip) prints as
/// the drawer's HTML, and any other becomes a link to its address with the image's text, which
/// also keeps a story from loading a tracking pixel from someone else's server.
///
/// Runs before ``UnsafeContentFilter``: the links made here then go through ``LinkPolicy`` like
/// any other. An image in a GFM table cell (which holds no custom node) prints its text.
enum ImageMarkup {
    static func apply(to document: CmarkDocument, drawer: MarkdownImageDrawer?) {
        for node in document.nodes() where node.type == CMARK_NODE_IMAGE {
            guard isInTree(node, root: document.root) else { continue }  // went with an image drawn around it
            let address = node.url ?? ""
            let alt = (LineText.clean(node.plainText) ?? "")
            let paragraph = node.parent.flatMap { $0.type == CMARK_NODE_PARAGRAPH && isAlone(node, in: $0) ? $0 : nil }
            let image = MarkdownImage(address: address, alt: alt, standalone: paragraph != nil)
            if let html = drawer?(image) {
                if let paragraph {
                    document.replace(paragraph, with: CmarkNode.custom(block: true, enter: html, exit: ""))
                    continue
                }
                let drawn = CmarkNode.custom(block: false, enter: html, exit: "")
                if document.replaceIfAllowed(node, with: drawn) { continue }
                cmark_node_free(drawn.pointer)
                node.moveChildrenBeforeSelf()
                document.remove(node)
            } else {
                link(node, to: address, in: document)
            }
        }
    }

    private static func isInTree(_ node: CmarkNode, root: CmarkNode) -> Bool {
        var current = node
        while let parent = current.parent { current = parent }
        return current.pointer == root.pointer
    }

    /// The image is its paragraph's only content but for spaces and line breaks.
    private static func isAlone(_ image: CmarkNode, in paragraph: CmarkNode) -> Bool {
        paragraph.children.allSatisfy { child in
            switch child.type {
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: true
            case CMARK_NODE_TEXT: (child.literal ?? "").allSatisfy { $0 == " " || $0 == "\t" }
            default: child.pointer == image.pointer
            }
        }
    }

    /// The image's children become a link's (its alt text, with their emphasis); with no text, the
    /// link says its address. Inside a link already, or in a table cell, the text stays without one.
    private static func link(_ image: CmarkNode, to address: String, in document: CmarkDocument) {
        if image.firstChild == nil {
            let text = cmark_node_new(CMARK_NODE_TEXT)!
            cmark_node_set_literal(text, address)
            image.append(CmarkNode(text))
        }
        guard !address.isEmpty, !image.isInside(CMARK_NODE_LINK) else {
            image.moveChildrenBeforeSelf()
            document.remove(image)
            return
        }
        let link = cmark_node_new(CMARK_NODE_LINK)!
        cmark_node_set_url(link, address)
        let node = CmarkNode(link)
        image.moveChildren(to: node)
        if !document.replaceIfAllowed(image, with: node) {
            node.moveChildrenBeforeSelf()
            cmark_node_free(node.pointer)
            document.remove(image)
        }
    }
}
