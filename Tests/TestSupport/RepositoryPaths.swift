import Foundation

/// Paths into this repository, found from this source file, so tests run from any directory.
public enum RepositoryPaths {
    /// The repository root (the folder holding `Package.swift`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static var content: URL { root.appendingPathComponent("Content") }
    public static var themes: URL { root.appendingPathComponent("Themes") }
    public static var defaultTheme: URL { themes.appendingPathComponent("default") }
    /// The demo database's SQL: the app's schema and the sample trip's rows (`demo/`).
    public static var demo: URL { root.appendingPathComponent("demo") }
    /// Test fixtures shipped in `Tests/Fixtures`.
    public static var fixtures: URL { root.appendingPathComponent("Tests/Fixtures") }
}
