import TabiCore
import Yams

/// Front matter, both ways. Any story written reads back the same, byte for byte, and writes
/// the same text again. Any YAML read as front matter either is refused or composes to a tree
/// no deeper in flow collections than ``YAMLGuard`` estimated, and without anchors.
public enum FrontMatterCheck {
    public static func findings(_ input: inout FuzzInput) -> [String] {
        input.bool() ? findings(story: story(from: &input)) : findings(yaml: input.text(.yaml, pieces: 400))
    }

    // MARK: - Write, then read

    public static func findings(story: Story) -> [String] {
        let text = story.rendered()
        let again: Story
        do {
            again = try Story(parsing: text)
        } catch .refused(.tooLarge) where story.frontMatter.yaml().utf8.count > StoryFrontMatter.maximumBytes {
            return []
        } catch {
            return ["a story as written does not read back: \(error)"]
        }
        var problems: [String] = []
        let (a, b) = (story.frontMatter, again.frontMatter)
        func compare(_ field: String, _ x: String?, _ y: String?) {
            if x.map({ Array($0.utf8) }) != y.map({ Array($0.utf8) }) {
                problems.append("\(field) \(x.map(PathCheck.shown) ?? "nil") reads back as \(y.map(PathCheck.shown) ?? "nil")")
            }
        }
        compare("title", a.title, b.title)
        compare("summary", a.summary, b.summary)
        compare("cover", a.cover, b.cover)
        compare("the body", story.body, again.body)
        if a.date != b.date || a.draft != b.draft { problems.append("date or draft changed") }
        let joined = { (tags: [String]) in tags.map(PathCheck.shown).joined(separator: ",") }
        if joined(a.tags) != joined(b.tags) { problems.append("tags \(joined(a.tags)) read back as \(joined(b.tags))") }
        let extras = { (m: StoryFrontMatter) in m.extra.map { PathCheck.shown($0.key) + "=" + PathCheck.shown($0.yaml) } }
        if extras(a) != extras(b) { problems.append("other keys \(extras(a)) read back as \(extras(b))") }
        if !again.rendered().utf8.elementsEqual(text.utf8) { problems.append("writing it again gives other text") }
        return problems
    }

    /// A story with every field drawn from the input; other keys hold YAML as a read story holds
    /// it (serialised by Yams from a composed node).
    static func story(from input: inout FuzzInput) -> Story {
        var matter = StoryFrontMatter()
        func text(_ pieces: Int) -> String { input.text(.escapable, pieces: pieces) }
        // Yams drops a U+FEFF that starts a scalar, however it is escaped (and then the next
        // one, on every read): left out of the property.
        func field(_ text: String) -> String { withoutLeadingBOMs(text) }
        if input.bool() { matter.title = field(text(20)) }
        if input.bool() { matter.summary = field(input.text(.yaml, pieces: 30)) }
        if input.bool() { matter.cover = field(text(4)) }
        if input.bool() {
            matter.date = CalendarDate(year: input.int(in: 1...9999), month: input.int(in: 1...12), day: input.int(in: 1...28))
        }
        matter.tags = (0..<input.int(in: 0...3)).map { _ in field(text(5)) }
        matter.draft = input.bool()
        let named: Set<String> = ["title", "summary", "cover", "date", "tags", "draft"]
        for _ in 0..<input.int(in: 0...3) {
            let key = field(input.text(.yaml, pieces: 3))
            guard !named.contains(key), !matter.extra.contains(where: { $0.key == key }),
                let yaml = canonicalYAML(node(from: &input, depth: 2))
            else { continue }
            matter.extra.append((key, yaml))
        }
        return Story(frontMatter: matter, body: input.text(.markdown, pieces: 60))
    }

    static func withoutLeadingBOMs(_ text: String) -> String {
        String(text.unicodeScalars.drop { $0 == "\u{FEFF}" })
    }

    static func node(from input: inout FuzzInput, depth: Int) -> Node {
        let kind = depth == 0 ? 0 : input.int(in: 0...2)
        switch kind {
        case 1:
            return .sequence(
                .init(
                    (0..<input.int(in: 0...3)).map { _ in node(from: &input, depth: depth - 1) },
                    .implicit, input.bool() ? .flow : .block))
        case 2:
            let pairs = (0..<input.int(in: 0...3)).map { _ in (node(from: &input, depth: 0), node(from: &input, depth: depth - 1)) }
            return .mapping(.init(pairs, .implicit, input.bool() ? .flow : .block))
        default:
            let styles: [Node.Scalar.Style] = [.any, .plain, .singleQuoted, .doubleQuoted, .literal, .folded]
            let text = input.text(.yaml, pieces: 6)
            return Node(withoutLeadingBOMs(text), .implicit, input.pick(styles))  // see story(from:)
        }
    }

    /// What a read story keeps for a node: Yams' text for it, composed and serialised again.
    static func canonicalYAML(_ node: Node) -> String? {
        guard let first = try? Yams.serialize(node: node), let composed = try? Yams.compose(yaml: first) else { return nil }
        return StoryFrontMatter.serialized(composed)
    }

    // MARK: - Read

    public static func findings(yaml: String) -> [String] {
        let estimate = YAMLGuard.flowDepth(of: yaml)
        let story: Story
        do {
            story = try Story(parsing: "---\n" + yaml + "\n---\n")
        } catch {
            return []  // refused, or not front matter
        }
        _ = story
        // It was accepted: compose it again (the guard vouched for its depth) and measure.
        guard let parser = try? Parser(yaml: yaml), let root = try? parser.singleRoot() else { return [] }
        var problems: [String] = []
        let depth = withExtendedLifetime(parser) { flowDepth(root, in: yaml) }
        if depth > estimate { problems.append("flow depth \(depth), estimated \(estimate)") }
        if depth > YAMLGuard.maximumFlowDepth { problems.append("flow depth \(depth) accepted, over \(YAMLGuard.maximumFlowDepth)") }
        if let anchored = withExtendedLifetime(parser, { firstAnchor(root) }) {
            problems.append("the anchor &\(anchored) was accepted")
        }
        return problems
    }

    /// How deep `node` nests flow collections. Yams composes every collection with the style
    /// `.any`, so a collection is a flow one when its text starts with `[` or `{` and its first
    /// item does not start there too (a block mapping's first key may be `[a]` or `{a: b}`).
    static func flowDepth(_ node: Node, in yaml: String) -> Int {
        let lines = LibYAMLLines(yaml)
        func isFlow(_ mark: Mark?, opening: Unicode.Scalar, first: Node?) -> Bool {
            guard let mark, lines.scalar(at: mark) == opening else { return false }
            return first?.mark.map { ($0.line, $0.column) != (mark.line, mark.column) } ?? true
        }
        func depth(_ node: Node) -> Int {
            switch node {
            case .sequence(let sequence):
                (isFlow(sequence.mark, opening: "[", first: sequence.first) ? 1 : 0) + (sequence.map(depth).max() ?? 0)
            case .mapping(let mapping):
                (isFlow(mapping.mark, opening: "{", first: mapping.first?.key) ? 1 : 0)
                    + (mapping.map { max(depth($0.key), depth($0.value)) }.max() ?? 0)
            case .scalar, .alias: 0
            }
        }
        return depth(node)
    }

    static func firstAnchor(_ node: Node) -> String? {
        if let anchor = node.anchor { return anchor.rawValue }
        switch node {
        case .sequence(let sequence): return sequence.lazy.compactMap(firstAnchor).first
        case .mapping(let mapping): return mapping.lazy.compactMap { firstAnchor($0.key) ?? firstAnchor($0.value) }.first
        case .scalar, .alias: return nil
        }
    }
}

/// Text split into lines as libyaml counts them for its marks (1-based line and column, a
/// column per Unicode scalar; LF, CR, CR LF, NEL, LS and PS each end a line).
struct LibYAMLLines {
    private var lines: [[Unicode.Scalar]] = [[]]

    init(_ text: String) {
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar == "\n", previous == "\r" { continue }
            if ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) {
                lines.append([])
            } else {
                lines[lines.count - 1].append(scalar)
            }
        }
    }

    func scalar(at mark: Mark) -> Unicode.Scalar? {
        guard mark.line >= 1, mark.line <= lines.count, mark.column >= 1, mark.column <= lines[mark.line - 1].count else { return nil }
        return lines[mark.line - 1][mark.column - 1]
    }
}
