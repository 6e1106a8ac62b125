import CCmarkGFM

/// Prints GFM tables with a class per aligned cell (`<td class="align-right">`) instead of
/// cmark-gfm's `align="right"`, which HTML5 made obsolete (the Nu HTML Checker rejects it). A
/// `style=` would do it too, but the theme's Content-Security-Policy allows no inline style.
///
/// The table extension's renderer cannot be told to print anything else, so each table is
/// replaced by custom blocks printing the same markup as cmark-gfm (`<thead>` for the header row,
/// `<tbody>` for the rest), with the alignments read from the table node. A cell's inline
/// children go into a custom inline inside a custom block, as ``HeadingAnchors`` does, so the
/// tags stay on the text's line. A table wider than the column scrolls inside itself, so it is
/// keyboard-focusable (`tabindex="0"`): a scroll box must be reachable without a mouse (axe-core's
/// scrollable-region-focusable).
enum TableMarkup {
    static func apply(to document: CmarkDocument) {
        for node in document.nodes() where node.typeName == "table" {
            document.replace(node, with: table(node))
        }
    }

    /// The class a column alignment (`l`, `c`, `r`, or 0 for none) gives its cells.
    static func alignmentClass(_ alignment: UInt8) -> String? {
        switch alignment {
        case UInt8(ascii: "l"): "align-left"
        case UInt8(ascii: "c"): "align-center"
        case UInt8(ascii: "r"): "align-right"
        default: nil
        }
    }

    private static func table(_ node: CmarkNode) -> CmarkNode {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node.pointer))
        let alignments =
            cmark_gfm_extensions_get_table_alignments(node.pointer)
            .map { Array(UnsafeBufferPointer(start: $0, count: columns)) } ?? []
        let table = CmarkNode.custom(block: true, enter: "<table tabindex=\"0\">", exit: "</table>")
        var body: CmarkNode?
        for row in node.children {
            let isHeader = cmark_gfm_extensions_get_table_row_is_header(row.pointer) != 0
            let printed = CmarkNode.custom(block: true, enter: "<tr>", exit: "</tr>")
            for (index, cell) in row.children.enumerated() {
                let tag = isHeader ? "th" : "td"
                let align = index < alignments.count ? alignmentClass(alignments[index]) : nil
                let tags = CmarkNode.custom(
                    block: false, enter: "<\(tag)\(align.map { " class=\"\($0)\"" } ?? "")>",
                    exit: "</\(tag)>")
                cell.moveChildren(to: tags)
                let block = CmarkNode.custom(block: true, enter: "", exit: "")
                block.append(tags)
                printed.append(block)
            }
            if isHeader {
                let head = CmarkNode.custom(block: true, enter: "<thead>", exit: "</thead>")
                head.append(printed)
                table.append(head)
            } else {
                if body == nil {
                    body = CmarkNode.custom(block: true, enter: "<tbody>", exit: "</tbody>")
                    table.append(body!)
                }
                body!.append(printed)
            }
        }
        return table
    }
}
