/// Why a theme folder cannot be used, naming the file.
public enum ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The theme folder (or its `templates/` folder) does not exist.
    case folderNotFound(path: String)
    /// A template every theme must have is missing.
    case missingTemplate(name: String, file: String)
    /// A template does not parse.
    case invalidTemplate(file: String, line: Int, column: Int, reason: String)
    /// A template uses a partial (`{{>name}}` or `{{<name}}`) that the theme does not have.
    case missingPartial(file: String, partial: String)
    /// A file of the theme could not be read.
    case unreadable(file: String, reason: String)
    /// `theme.yml` is not valid.
    case invalidSettings(file: String, reason: String)
    /// A strings file (`strings/<language>.yml`) is not valid.
    case invalidStrings(file: String, reason: String)
    /// A template uses `{{site.words.<key>}}` with a key neither tabi-press nor the theme's
    /// `strings/en.yml` has.
    case unknownWord(file: String, key: String)

    public var description: String {
        switch self {
        case .folderNotFound(let path):
            "theme folder \(path) does not exist or has no templates/ folder"
        case .missingTemplate(let name, let file):
            "theme template \"\(name)\" is missing (expected \(file))"
        case .invalidTemplate(let file, let line, let column, let reason):
            "theme template \(file):\(line):\(column) does not parse: \(reason)"
        case .missingPartial(let file, let partial):
            "theme template \(file) uses the partial \"\(partial)\", which the theme does not have"
        case .unreadable(let file, let reason):
            "theme file \(file) cannot be read: \(reason)"
        case .invalidSettings(let file, let reason):
            "theme settings \(file) are not valid: \(reason)"
        case .invalidStrings(let file, let reason):
            "theme strings \(file) are not valid: \(reason)"
        case .unknownWord(let file, let key):
            "theme template \(file) uses site.words.\(key), which neither tabi-press nor the theme's strings/en.yml has"
        }
    }
}
