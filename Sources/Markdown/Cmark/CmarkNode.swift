import CCmarkGFM

/// A borrowed pointer to one node of a cmark-gfm tree. The tree (``CmarkDocument``) owns the
/// memory; a `CmarkNode` is only valid while its document is alive.
struct CmarkNode {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    // MARK: - Reading

    var type: cmark_node_type { cmark_node_get_type(pointer) }

    /// The node type's name, which is the only way to recognise extension nodes (`table`, `strikethrough`).
    var typeName: String { String(cString: cmark_node_get_type_string(pointer)) }

    var literal: String? { cmark_node_get_literal(pointer).map { String(cString: $0) } }
    var url: String? { cmark_node_get_url(pointer).map { String(cString: $0) } }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    var parent: CmarkNode? { cmark_node_parent(pointer).map(CmarkNode.init) }
    var firstChild: CmarkNode? { cmark_node_first_child(pointer).map(CmarkNode.init) }
    var lastChild: CmarkNode? { cmark_node_last_child(pointer).map(CmarkNode.init) }
    var next: CmarkNode? { cmark_node_next(pointer).map(CmarkNode.init) }

    /// The direct children, first to last.
    var children: [CmarkNode] {
        var out: [CmarkNode] = []
        var child = firstChild
        while let node = child {
            out.append(node)
            child = node.next
        }
        return out
    }

    /// Whether `ancestorType` is the type of any node above this one.
    func isInside(_ ancestorType: cmark_node_type) -> Bool {
        var node = parent
        while let current = node {
            if current.type == ancestorType { return true }
            node = current.parent
        }
        return false
    }

    /// The text a reader sees in this node and below: text and code literals, breaks as spaces.
    /// Walks with cmark's iterator rather than recursion: hostile Markdown can nest thousands deep.
    var plainText: String {
        var out = ""
        let iterator = cmark_iter_new(pointer)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                let node = cmark_iter_get_node(iterator).map(CmarkNode.init)
            else { continue }
            switch node.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: out += node.literal ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
            default: break
            }
        }
        return out
    }

    // MARK: - Building (new nodes belong to the caller until inserted into a tree)

    /// A node whose HTML is exactly `enter` before its children and `exit` after them.
    static func custom(block: Bool, enter: String, exit: String) -> CmarkNode {
        let node = cmark_node_new(block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return CmarkNode(node)
    }

    /// A link to `url` whose text is `text`.
    static func link(to url: String, text: String) -> CmarkNode {
        let link = cmark_node_new(CMARK_NODE_LINK)!
        cmark_node_set_url(link, url)
        let literal = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(literal, text)
        cmark_node_append_child(link, literal)
        return CmarkNode(link)
    }

    /// Moves every child of `self` to the end of `target`'s children, keeping their order.
    func moveChildren(to target: CmarkNode) {
        while let child = firstChild {
            let moved = cmark_node_append_child(target.pointer, child.pointer)
            precondition(moved == 1, "cmark refused to move a \(child.typeName) into a \(target.typeName)")
        }
    }

    /// Moves every child of `self` in front of `self`, in order (used to unwrap a link or image).
    func moveChildrenBeforeSelf() {
        while let child = firstChild {
            let moved = cmark_node_insert_before(pointer, child.pointer)
            precondition(moved == 1, "cmark refused to move a \(child.typeName) out of a \(typeName)")
        }
    }

    func append(_ child: CmarkNode) {
        let appended = cmark_node_append_child(pointer, child.pointer)
        precondition(appended == 1, "cmark refused a \(child.typeName) inside a \(typeName)")
    }

    func prepend(_ child: CmarkNode) {
        let prepended = cmark_node_prepend_child(pointer, child.pointer)
        precondition(prepended == 1, "cmark refused a \(child.typeName) inside a \(typeName)")
    }

    func insertBeforeSelf(_ sibling: CmarkNode) {
        let inserted = cmark_node_insert_before(pointer, sibling.pointer)
        precondition(inserted == 1, "cmark refused a \(sibling.typeName) before a \(typeName)")
    }
}
