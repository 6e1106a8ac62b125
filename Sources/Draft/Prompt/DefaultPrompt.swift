/// The prompt built into tabi-press, used when neither `tabi.yml` nor the theme gives one.
///
/// It starts where the app's original Lambda did ("Create a travel blog from this data:" and the
/// trip as JSON), then adds the house style and the answer format the validator expects. One
/// template serves the three kinds of call through the `whole`, `section` and `join` flags.
enum DefaultPrompt {
    static let name = "the built-in prompt"

    static let text = """
        {{#whole}}
        Create a travel blog from this data: the public facts of one trip, as JSON.

        {{{facts}}}
        {{/whole}}
        {{#section}}
        Create part {{part}} of {{parts}} of a travel blog from this data: the public facts of one trip, \
        as JSON, with only the posts of this part ({{places}}).

        {{{facts}}}
        {{/section}}
        {{#join}}
        Create {{#final}}one travel blog story{{/final}}{{^final}}one section{{/final}} from these \
        drafts of its parts, keeping their facts and order. The trip's facts, as JSON (its posts are \
        in the drafts):

        {{{facts}}}

        The drafts, in order:

        {{{sections}}}
        {{/join}}

        House style:
        - Write in {{language}}, in the first person of the traveller{{#author}} ({{author}}){{/author}}: warm, \
        concrete and plain, without clichés.
        - Use only the facts given. Do not invent names, dates, distances, prices, people or events.
        - Markdown only: a ## heading per place or day, short paragraphs, a list or a table where it \
        helps. No HTML, no images, no links that are not in the data.
        {{#wantsStory}}

        Answer with the story and nothing else, in exactly this form:

        ---
        title: "a short title"
        summary: "one sentence for the list of trips"
        cover: "the id of the best photo in coverChoices"
        tags: ["three to six short lower-case tags"]
        ---
        The story in Markdown, starting with an introduction and ending with a short closing paragraph.
        {{/wantsStory}}
        {{^wantsStory}}

        Answer with the Markdown of this part and nothing else: no front matter, no title, starting \
        with a ## heading.
        {{/wantsStory}}

        """
}
