import Yams

/// Bounds on YAML that other people write, checked before and after composing it: a size, a
/// nesting depth, and (for front matter) no anchors or aliases.
///
/// An alias refers to an anchored node, so a few hundred bytes (`a: &a [x, x, …]`, `b: &b [*a, *a,
/// …]`, …, the "billion laughs") compose into a tree that is small in memory, because nodes share
/// storage, but exponentially large once anything walks or serialises it: front matter keys
/// `story.md` keeps as written are re-serialised, so that cost gigabytes. Writers and models have
/// no need for anchors in front matter, so they are refused with a clear error. Deep flow nesting
/// (`[[[[…`) would overflow the stack of the recursive composer, so it is refused before parsing.
public enum YAMLGuard {
    /// The deepest `[`/`{` nesting accepted.
    public static let maximumFlowDepth = 32

    /// Why YAML was refused, as the end of a sentence.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case tooLarge(bytes: Int, limit: Int)
        case tooDeep(limit: Int)
        case anchor(name: String, line: Int)

        public var description: String {
            switch self {
            case .tooLarge(let bytes, let limit): "is \(bytes) bytes, more than the \(limit) allowed"
            case .tooDeep(let limit): "nests [ or { more than \(limit) levels deep"
            case .anchor(let name, let line):
                "uses the anchor or alias &\(name)/*\(name) (line \(line)); anchors and aliases are not allowed here"
            }
        }
    }

    /// Checks size and flow nesting before any parsing.
    public static func checkText(_ text: String, maximumBytes: Int) throws(Refusal) {
        let count = text.utf8.count
        guard count <= maximumBytes else { throw .tooLarge(bytes: count, limit: maximumBytes) }
        // Nesting cannot go deeper than the brackets that open it: most texts need no scan.
        let openers = text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "[") || $1 == UInt8(ascii: "{") ? 1 : 0) }
        guard openers > maximumFlowDepth else { return }
        guard flowDepth(of: text) <= maximumFlowDepth else { throw .tooDeep(limit: maximumFlowDepth) }
    }

    /// Throws on the first anchored node (an alias composes to the node it names, anchor and all).
    /// Call it while the `Parser` that composed `node` is alive: Yams keeps anchors weakly.
    /// The walk looks at a node before its children and stops at the first anchor, so it only
    /// visits nodes that no alias could have multiplied: it is linear in the text.
    public static func checkNoAnchors(_ node: Node) throws(Refusal) {
        var pending = [node]
        while let next = pending.popLast() {
            if let anchor = next.anchor {
                throw .anchor(name: anchor.rawValue, line: next.mark?.line ?? 0)
            }
            switch next {
            case .mapping(let mapping):
                // Pushed last pair first, so the first anchor in the text is the one named.
                for (key, value) in mapping.reversed() { pending.append(value); pending.append(key) }
            case .sequence(let sequence):
                pending.append(contentsOf: sequence.reversed())
            case .scalar, .alias:
                continue
            }
        }
    }

    /// The deepest nesting of flow collections, outside quoted text and comments, as the most
    /// any reading of the text could reach (see ``YAMLFlowDepth``): it can only over-estimate.
    package static func flowDepth(of text: String) -> Int {
        YAMLFlowDepth.deepest(in: text, limit: maximumFlowDepth)
    }
}
