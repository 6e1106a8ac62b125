import Foundation

/// The JSON the model APIs speak: request bodies out, answers in.
enum ModelJSON {
    /// A request body: compact, keys sorted (the same request gives the same bytes).
    static func encode(_ body: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(body)  // strings and numbers only
    }

    /// A decoding error in a few words (the field that was wrong), never the body itself.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)) has the wrong type"
        case .dataCorrupted: return "not JSON"
        @unknown default: return "unreadable"
        }
    }

    /// The text blocks of an answer, joined.
    static func text(_ blocks: [String?]) -> String {
        blocks.compactMap { $0 }.joined()
    }
}
