import CCmarkGFM

/// Renders footnotes with ids made of the document's prefix and the footnote's number
/// (`fn-1`, `fnref-1`, `fnref-1-2` for a second reference; `fn-post-3-1` with a prefix).
///
/// cmark-gfm names footnote ids after the writer's labels (`[^my note]` → `fn-my%20note`), so two
/// documents on one page (the story and a post) collide, and the ids carry user text. The tree's
/// footnote nodes are replaced by custom nodes printing the same markup as cmark-gfm, numbered.
enum FootnoteNumbering {
    static func apply(to document: CmarkDocument, prefix: String) {
        let nodes = document.nodes()
        let definitions = nodes.filter { $0.type == CMARK_NODE_FOOTNOTE_DEFINITION }
        guard !definitions.isEmpty else { return }

        // References: cmark has already numbered them (the literal is the definition's number, 1-based,
        // in the order definitions now stand at the end of the tree).
        var referenceCounts: [Int: Int] = [:]
        for node in nodes where node.type == CMARK_NODE_FOOTNOTE_REFERENCE {
            guard let number = node.literal.flatMap({ Int($0) }), (1...definitions.count).contains(number) else {
                document.remove(node)
                continue
            }
            let count = referenceCounts[number, default: 0] + 1
            let id = "fnref-\(prefix)\(number)" + (count > 1 ? "-\(count)" : "")
            let html =
                "<sup class=\"footnote-ref\"><a href=\"#fn-\(prefix)\(number)\" id=\"\(id)\" "
                + "data-footnote-ref>\(number)</a></sup>"
            let custom = CmarkNode.custom(block: false, enter: html, exit: "")
            if document.replaceIfAllowed(node, with: custom) {
                referenceCounts[number] = count
            } else {
                // Where cmark refuses a custom node (it did in a table cell, and the renderer crashed
                // on the refusal, before ``TableMarkup`` replaced tables), the reference is a plain
                // link to its note, with no back-reference to it.
                cmark_node_free(custom.pointer)
                document.replace(node, with: CmarkNode.link(to: "#fn-\(prefix)\(number)", text: "\(number)"))
            }
        }

        let section = CmarkNode.custom(
            block: true, enter: "<section class=\"footnotes\" data-footnotes>\n<ol>",
            exit: "</ol>\n</section>")
        definitions.first!.insertBeforeSelf(section)
        for (index, definition) in definitions.enumerated() {
            let number = index + 1
            let item = CmarkNode.custom(block: true, enter: "<li id=\"fn-\(prefix)\(number)\">", exit: "</li>")
            definition.moveChildren(to: item)
            let backReferences = (1...max(referenceCounts[number] ?? 0, 1)).map { count in
                let suffix = count > 1 ? "-\(count)" : ""
                let mark = count > 1 ? "↩<sup class=\"footnote-ref\">\(count)</sup>" : "↩"
                return "<a href=\"#fnref-\(prefix)\(number)\(suffix)\" class=\"footnote-backref\" "
                    + "data-footnote-backref aria-label=\"Back to reference \(number)\">\(mark)</a>"
            }.joined(separator: " ")
            if let last = item.lastChild, last.type == CMARK_NODE_PARAGRAPH {
                last.append(CmarkNode.custom(block: false, enter: " " + backReferences, exit: ""))
            } else {
                item.append(CmarkNode.custom(block: true, enter: "<p>" + backReferences + "</p>", exit: ""))
            }
            document.remove(definition)
            section.append(item)
        }
    }
}
