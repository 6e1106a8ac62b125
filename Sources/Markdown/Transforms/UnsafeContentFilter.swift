import CCmarkGFM

/// Takes out of a parsed tree what untrusted Markdown must not bring to a page: raw HTML (blocks
/// and inline tags are dropped, their text stays) and links or images whose address
/// ``LinkPolicy`` refuses (the link keeps its text; the image becomes its alt text).
///
/// cmark's safe mode alone would print `<!-- raw HTML omitted -->` and still pass `data:image/…`
/// sources, so the filter works on the tree and the renderer's safe mode is only the second guard.
enum UnsafeContentFilter {
    static func apply(to document: CmarkDocument) {
        for node in document.nodes() {
            switch node.type {
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                document.remove(node)
            case CMARK_NODE_LINK where !LinkPolicy.allows(node.url ?? ""),
                CMARK_NODE_IMAGE where !LinkPolicy.allows(node.url ?? "", isImage: true):
                node.moveChildrenBeforeSelf()
                document.remove(node)
            default:
                break
            }
        }
    }
}
