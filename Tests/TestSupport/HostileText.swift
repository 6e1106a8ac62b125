/// The injection corpus: text an attacker would type into a title, caption, post, story or model
/// answer. Every stage's tests push it through their fields and check the output parses to the
/// theme's markup and nothing else.
public enum HostileText {
    /// Classic payloads (OWASP's XSS filter evasion cheat sheet, trimmed to what differs here).
    public static let classic: [String] = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "\" onfocus=\"alert(1)\" autofocus x=\"",
        "' onfocus='alert(1)' autofocus x='",
        "javascript:alert(1)",
        " jav&#x09;ascript:alert(1)",
        "<iframe src=javascript:alert(1)></iframe>",
        "<style>@import 'https://evil.example/x.css';</style>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
        "<base href=\"https://evil.example/\">",
        "<object data=\"https://evil.example/x.swf\"></object>",
        "<svg><script>alert(1)</script></svg>",
        "</title><script>alert(1)</script>",
        "</textarea><script>alert(1)</script>",
        "--><script>alert(1)</script><!--",
        "]]><script>alert(1)</script>",
        "{{site.title}}{{{trip.story}}}{{>partials/photo}}",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "%3Cscript%3Ealert(1)%3C/script%3E",
        "\u{0}<script>alert(1)</script>",
        "\u{202E}>tpircs/<)1(trela>tpircs<",
        "line\u{2028}separator\u{2029}paragraph",
        "[click](javascript:alert(1)) ![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<img src=x onerror=alert(1)//",
    ]

    /// Characters that join the character before them into one grapheme cluster (`Character`):
    /// Unicode's Extend (combining marks Mn and Me, ZWNJ, variation selectors, emoji modifiers,
    /// tag characters), ZWJ and SpacingMark classes.
    public static let joiningMarks: [Unicode.Scalar] = [
        "\u{0301}",  // combining acute accent (Mn)
        "\u{035C}",  // combining double breve below (Mn)
        "\u{20DD}",  // combining enclosing circle (Me)
        "\u{200C}",  // zero width non-joiner (Extend)
        "\u{200D}",  // zero width joiner (ZWJ)
        "\u{FE0F}",  // variation selector-16 (Extend)
        "\u{E0100}",  // variation selector-17 (Extend)
        "\u{1F3FB}",  // emoji modifier, light skin tone (Extend)
        "\u{E0041}",  // tag latin capital A (Extend)
        "\u{FF9E}",  // halfwidth katakana voiced sound mark (Extend)
        "\u{0903}",  // devanagari sign visarga (SpacingMark)
        "\u{0E33}",  // thai sara am (SpacingMark)
    ]

    /// Characters that join the character after them into one grapheme cluster (Prepend).
    public static let prependMarks: [Unicode.Scalar] = ["\u{0600}", "\u{06DD}", "\u{110BD}", "\u{0D4E}"]

    /// The characters markup escaping must never miss.
    public static let markupCharacters: [Character] = ["\"", "'", "<", ">", "&"]

    /// Every markup character glued to every joining mark (after it) and prepend mark (before it),
    /// each inside an attack that would close an attribute or open a tag if the glued character
    /// were missed.
    public static var gluedToMarks: [String] {
        var out: [String] = []
        for character in markupCharacters {
            var glued = joiningMarks.map { String(character) + String($0) }
            glued += prependMarks.map { String($0) + String(character) }
            for unit in glued {
                out.append("Sunset\(unit) onerror=alert(1) x=\(unit)")
                out.append("\(unit)><img src=x onerror=alert(2)>")
            }
        }
        return out
    }

    /// Everything: the classic payloads and every glued one.
    public static var all: [String] { classic + gluedToMarks }

    /// A marker that must never appear in any output: put it in private trips, posts, captions,
    /// destination notes and GPS fields, then grep `Output/`, the bucket, prompts and logs.
    public static let privateMarker = "PRIVATE-7f3a9c-DO-NOT-PUBLISH"
}
