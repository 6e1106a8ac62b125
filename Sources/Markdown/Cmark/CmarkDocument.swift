import CCmarkGFM
import Foundation
import Synchronization

/// One parsed Markdown document: owns the cmark-gfm parser and tree, and frees both (and every
/// node taken out of the tree) when it goes away. Not shared between tasks: each render makes its own.
final class CmarkDocument {
    let root: CmarkNode
    private let parser: OpaquePointer
    private let options: Int32
    /// Nodes taken out of the tree. They are freed only after the tree: inline text inside a block
    /// points into that block's buffer, so freeing a heading whose text moved elsewhere would leave
    /// the moved text dangling.
    private var detached: [CmarkNode] = []

    // MARK: - Parsing

    /// The GFM extensions every document is parsed with.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// cmark-gfm 0.29 keeps the extensions' special characters in a process-wide table that
    /// `cmark_parser_finish` adds to before it parses inlines and removes from after, so two
    /// finishes at once race (github/cmark-gfm PR #176, unmerged): one's removal drops another's
    /// strikethrough. Only the finish takes this lock. Making a parser, attaching the extensions
    /// (the registry is only read once registered) and feeding it (block parsing: per-parser
    /// state only) run in parallel; so do walking and rendering a finished tree. (Emptying the
    /// extensions' lists of special characters to keep the table filled for good does not work:
    /// emphasis finds a delimiter's extension through that list, and `~~x~~` then never ends.)
    /// A `Mutex` rather than an `NSLock`: it spins a little before it sleeps, and a finish holds
    /// it for microseconds, so a render that waits seldom makes a system call.
    private static let parseLock = Mutex(())

    /// Registering the core extensions mutates a global list: done once, on first use, by Swift's
    /// thread-safe lazy initialisation of statics. The extensions are found then, once: the
    /// registry keeps them for the life of the process.
    nonisolated(unsafe) private static let extensions: [OpaquePointer] = {
        cmark_gfm_core_extensions_ensure_registered()
        return extensionNames.map { name in
            // The core extensions are compiled into libcmark-gfm-extensions: a missing one is a broken install.
            guard let extensionPointer = cmark_find_syntax_extension(name) else {
                preconditionFailure("libcmark-gfm-extensions has no \"\(name)\" extension")
            }
            return extensionPointer
        }
    }()

    init(parsing markdown: String, options: Int32) {
        self.options = options
        var text = markdown
        let parser = cmark_parser_new(options)!
        for extensionPointer in Self.extensions { cmark_parser_attach_syntax_extension(parser, extensionPointer) }
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        // The tree stays this document's: it only leaves the closure, never the thread.
        nonisolated(unsafe) var finished: OpaquePointer?
        Self.parseLock.withLock { _ in finished = cmark_parser_finish(parser) }
        let root = finished!
        self.parser = parser
        self.root = CmarkNode(root)
    }

    deinit {
        cmark_node_free(root.pointer)
        for node in detached.reversed() { cmark_node_free(node.pointer) }
        cmark_parser_free(parser)
    }

    // MARK: - Walking and editing

    /// Every node of the tree in document order (each once, on entering it). Collected up front so
    /// callers can edit the tree while going through the list.
    func nodes() -> [CmarkNode] {
        var out: [CmarkNode] = []
        let iterator = cmark_iter_new(root.pointer)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            if cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
                out.append(CmarkNode(node))
            }
        }
        return out
    }

    /// Takes `node` (and whatever is still below it) out of the tree; it is freed with the document.
    func remove(_ node: CmarkNode) {
        cmark_node_unlink(node.pointer)
        detached.append(node)
    }

    /// Puts `replacement` where `node` was; `node` is freed with the document.
    func replace(_ node: CmarkNode, with replacement: CmarkNode) {
        precondition(
            replaceIfAllowed(node, with: replacement),
            "cmark refused to put a \(replacement.typeName) in place of a \(node.typeName)")
    }

    /// Puts `replacement` where `node` was when `node`'s parent may hold it (a GFM table cell
    /// holds only text, code, emphasis, links, images and footnote references: no custom node).
    /// When it may not, nothing changes and `replacement` stays the caller's, to free.
    func replaceIfAllowed(_ node: CmarkNode, with replacement: CmarkNode) -> Bool {
        guard cmark_node_replace(node.pointer, replacement.pointer) == 1 else { return false }
        detached.append(node)
        return true
    }

    // MARK: - Rendering

    /// The tree as HTML. cmark's own safe mode stays on (no `CMARK_OPT_UNSAFE`) as a second guard.
    func html() -> String {
        guard let rendered = cmark_render_html(root.pointer, options, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { cmark_get_default_mem_allocator().pointee.free(rendered) }
        return String(cString: rendered)
    }
}
