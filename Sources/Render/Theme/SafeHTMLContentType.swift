import Mustache
import SafeText

/// What `{{…}}` escapes with in every theme template, partial and parent.
///
/// swift-mustache's own HTML escaping walks `Character`s, so a `"` followed by a combining or
/// joining mark (U+0301, U+200D, U+FE0F, …) passes unescaped, and a trip title closes `alt="…"`
/// and adds an `onerror=` attribute. This escapes byte by byte (``HTMLText``). swift-mustache
/// always starts a template, and every partial, with its own HTML type, and offers no other
/// default, so ``ThemeTemplates`` begins every template with ``pragma``, which switches to this
/// type for the rest of that template (sections and the blocks a parent expands included).
struct SafeHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        HTMLText.escape(text)
    }

    /// The name templates select it by (`{{% CONTENT_TYPE: TABI_HTML }}`).
    static let name = "TABI_HTML"

    /// Put in front of every template's text.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}"

    /// Registers the type under ``name`` and in place of swift-mustache's `HTML`, so a theme that
    /// selects `HTML` itself gets the safe escaping too. Done once, before any template is parsed
    /// (the name is looked up while parsing).
    static let registered: Bool = {
        MustacheContentTypes.register(SafeHTMLContentType(), named: name)
        MustacheContentTypes.register(SafeHTMLContentType(), named: "HTML")
        return true
    }()
}
