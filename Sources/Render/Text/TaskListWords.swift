import Markdown

/// The names task-list checkboxes get in the site's `language` (`tabi.yml`), read by its primary
/// subtag (`fr-CA` → `fr`); English for a language not listed here.
enum TaskListWords {
    static let byLanguage: [String: TaskListLabels] = [
        "en": .english,
        "fr": TaskListLabels(done: "fait", notDone: "à faire"),
        "de": TaskListLabels(done: "erledigt", notDone: "offen"),
        "es": TaskListLabels(done: "hecho", notDone: "pendiente"),
        "ja": TaskListLabels(done: "完了", notDone: "未完了"),
    ]

    static func labels(for language: String) -> TaskListLabels {
        let primary = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        return byLanguage[primary] ?? .english
    }
}
