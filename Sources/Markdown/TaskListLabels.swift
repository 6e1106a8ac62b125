/// What a task-list checkbox (`- [x] …`) is called for assistive technology, in the page's
/// language: its `aria-label`, so the checkbox has an accessible name (axe-core's `label` rule).
public struct TaskListLabels: Sendable, Equatable {
    /// The name of a ticked box.
    public var done: String
    /// The name of an empty box.
    public var notDone: String

    /// English: "done" and "not done".
    public static let english = TaskListLabels(done: "done", notDone: "not done")

    /// Markup characters (`& < > " '`) are dropped, scalar by scalar: a label is printed into an
    /// attribute as it is.
    public init(done: String, notDone: String) {
        self.done = Self.plain(done)
        self.notDone = Self.plain(notDone)
    }

    private static func plain(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !"&<>\"'".unicodeScalars.contains($0) }))
    }
}
