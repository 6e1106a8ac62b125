import Foundation

/// English country names from ISO 3166-1 codes (`JP` → `Japan`), fixed to English so output does
/// not follow the machine's locale.
enum CountryNames {
    private static let english = Locale(identifier: "en")

    /// The name, or the code itself when it is not a known region.
    static func name(_ code: String) -> String? {
        guard let code = PlainText.clean(code)?.uppercased() else { return nil }
        return english.localizedString(forRegionCode: code) ?? code
    }
}
