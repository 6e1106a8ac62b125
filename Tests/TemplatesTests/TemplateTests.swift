import Templates
import Testing

/// What the spec leaves to us: escaping byte by byte, errors that say where, nil fields, and
/// templates that include themselves.
@Suite struct TemplateTests {
    struct Page: TemplateObject {
        var title: String? = "Kyoto"
        var count = 3

        func field(_ name: String) -> TemplateValue {
            switch name {
            case "title": title.templateValue
            case "count": count.templateValue
            default: .missing
            }
        }
    }

    @Test func aQuoteBeforeACombiningMarkIsStillEscaped() throws {
        // `"` + U+0301 is one Character that is not `"`: an escaper walking Characters lets it through.
        let title = "x\"\u{301} onerror=alert(1) '\u{200D}<b>&"
        let text = try Template("<img alt=\"{{title}}\">").render(["title": title].templateValue)
        #expect(text == "<img alt=\"x&quot;\u{301} onerror=alert(1) &#39;\u{200D}&lt;b&gt;&amp;\">")
        #expect(try Template("{{{title}}}|{{&title}}").render(["title": title].templateValue) == title + "|" + title)
        #expect(try Template("{{title}}").render(["title": title].templateValue, escaping: .none) == title)
    }

    @Test func aNilFieldLetsTheLookupGoOnDownTheStackButNullStopsIt() throws {
        let template = try Template("{{#page}}[{{title}}]{{/page}}")
        var page = Page()
        page.title = nil
        let outer: [String: TemplateValue] = ["title": .text("Outer"), "page": page.templateValue]
        #expect(template.render(outer.templateValue) == "[Outer]")
        let null: [String: TemplateValue] = ["title": .text("Outer"), "page": ["title": TemplateValue.null].templateValue]
        #expect(template.render(null.templateValue) == "[]")
        #expect(try Template("{{count}} {{#count}}n={{.}}{{/count}}").render(Page().templateValue) == "3 n=3")
    }

    @Test(arguments: [
        ("a {{title", 1, 3, "the tag is never closed (no }})"),
        ("line\n  {{#a}}\n{{/b}}", 3, 1, "{{/b}} closes {{#a}}, opened at line 2"),
        ("{{#a}}\n\n{{^b}}x", 3, 1, "{{^b}} is never closed"),
        ("x\n{{/a}}", 2, 1, "{{/a}} closes no section"),
        ("{{uppercased(title)}}", 1, 1, "transforms such as uppercased(name) are not supported"),
        ("{{% CONTENT_TYPE: TEXT }}", 1, 1, "pragmas ({{% … }}) are not supported"),
        ("{{=<% %> x=}}", 1, 1, "a delimiter change is written {{=<open> <close>=}}"),
        ("{{ }}", 1, 1, "the tag has no name"),
        ("é {{a b}}", 1, 4, "a name cannot contain spaces"),
    ])
    func aBrokenTemplateSaysWhereAndWhy(text: String, line: Int, column: Int, reason: String) {
        #expect(throws: TemplateSyntaxError(line: line, column: column, reason: reason)) { try Template(text) }
    }

    @Test func aTemplateThatIncludesItselfEnds() throws {
        var library = TemplateLibrary()
        library.register(try Template("<{{>self}}>"), named: "self")
        let text = try #require(library.render("self", .null))
        #expect(text.count == 2 * (64 + 1))
        #expect(text.hasPrefix("<<<") && text.hasSuffix(">>>"))
    }

    @Test func theLibraryNamesThePartialsATemplateUses() throws {
        let template = try Template("{{>partials/photo}}{{<layout}}{{$main}}{{>inner}}{{/main}}{{/layout}}")
        #expect(template.partialNames == ["partials/photo", "layout", "inner"])
        #expect(TemplateLibrary().render("none", .null) == nil)
    }
}
