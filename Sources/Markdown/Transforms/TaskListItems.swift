import CCmarkGFM

/// Prints GFM task-list checkboxes with an accessible name: cmark-gfm's `<input type="checkbox"
/// disabled="" />` has none, which axe-core reports as a critical violation. Each task item
/// becomes a plain list item whose content starts with the same disabled checkbox, labelled
/// "done" or "not done" (``TaskListLabels``) and still `checked` when ticked.
enum TaskListItems {
    static func apply(to document: CmarkDocument, labels: TaskListLabels) {
        for node in document.nodes() where node.typeName == "tasklist" {
            let checked = cmark_gfm_extensions_get_tasklist_item_checked(node.pointer)
            let box =
                "<input type=\"checkbox\"\(checked ? " checked=\"\"" : "") disabled=\"\" "
                + "aria-label=\"\(checked ? labels.done : labels.notDone)\" /> "
            // Without its extension the item prints as a plain `<li>` (or `<li>` and `<p>` in a loose list).
            cmark_node_set_syntax_extension(node.pointer, nil)
            if let first = node.firstChild, first.type == CMARK_NODE_PARAGRAPH {
                first.prepend(CmarkNode.custom(block: false, enter: box, exit: ""))
            } else if let first = node.firstChild {
                first.insertBeforeSelf(CmarkNode.custom(block: true, enter: box, exit: ""))
            } else {
                node.append(CmarkNode.custom(block: true, enter: box, exit: ""))
            }
        }
    }
}
