import Foundation
import SafeText

/// Removes secrets from text that came from outside (error messages from services, command
/// output) before it is stored in an error or logged.
public enum AWSRedaction {
    /// What replaces a secret.
    public static let placeholder = "<redacted>"

    /// `text` with every occurrence of `secrets` and anything shaped like a signature, a
    /// security token parameter, an Authorization header value or a bearer token replaced.
    /// Messages are also capped at 1,000 characters.
    public static func redact(_ text: String, secrets: [String]) -> String {
        var text = text
        // As bytes: a secret followed by a combining mark is still the secret.
        for secret in secrets where secret.utf8.count >= 4 {
            text = text.replacingLiteral(secret, with: placeholder)
        }
        for pattern in patterns {
            text = pattern.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text),
                withTemplate: "$1\(placeholder)")
        }
        return text.count > 1000 ? String(text.prefix(1000)) + "…" : text
    }

    private static let patterns: [NSRegularExpression] = [
        #"((?:X-Amz-)?Signature=)[0-9a-fA-F]{16,}"#,
        #"((?:X-Amz-Security-Token|X-Amz-Credential)=)[^&\s"'<]+"#,
        #"((?:Authorization|x-amz-security-token)\s*[:=]\s*)[^\r\n"'<]+"#,
        #"(Bearer\s+)[A-Za-z0-9._~+/=-]+"#,
        #"(<(?:SignatureProvided|StringToSign|CanonicalRequest|StringToSignBytes|CanonicalRequestBytes)>)[^<]*"#,
    ].map { try! NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }
}
