import Foundation

/// The code, message and request id of an AWS error response, whichever protocol it speaks:
/// the `x-amzn-ErrorType` header, a JSON body (`__type`/`code`, `message`/`Message`), or an
/// XML body (`<Error><Code>` as S3 sends, or `<ErrorResponse><Error>` as CloudFront does).
public struct AWSErrorResponse: Sendable, Hashable {
    /// `ThrottlingException`, `NoSuchKey`, ...
    public var code: String?
    /// The service's explanation, as sent (not yet redacted).
    public var message: String?
    /// The id AWS support asks for.
    public var requestId: String?

    public init(code: String? = nil, message: String? = nil, requestId: String? = nil) {
        self.code = code
        self.message = message
        self.requestId = requestId
    }

    /// Reads an error response. A body-less one (HEAD) gets a code from its status, as the SDKs do.
    public init(response: HTTPResponse) {
        let json = Self.json(response.body)
        let xml = json == nil ? Self.xml(response.body) : nil
        code = Self.typeHeader(response.headers["x-amzn-ErrorType"]) ?? json?.code ?? xml?.code
        message = json?.message ?? xml?.message
        requestId = response.headers["x-amzn-RequestId"] ?? response.headers["x-amz-request-id"]
            ?? response.headers["x-amzn-request-id"] ?? xml?.requestId
        if code == nil, response.body.isEmpty { code = Self.statusCodes[response.status] }
    }

    static let statusCodes = [304: "NotModified", 400: "BadRequest", 403: "Forbidden", 404: "NotFound", 412: "PreconditionFailed"]

    /// `ValidationException:http://internal.amazon.com/...` → `ValidationException`;
    /// `aws.protocoltests#FooError` → `FooError`.
    static func typeHeader(_ value: String?) -> String? {
        guard var value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let colon = value.firstIndex(of: ":") { value = String(value[..<colon]) }
        if let hash = value.lastIndex(of: "#") { value = String(value[value.index(after: hash)...]) }
        return value.isEmpty ? nil : value
    }

    private static func json(_ body: Data) -> AWSErrorResponse? {
        guard body.first.map({ $0 == UInt8(ascii: "{") }) ?? false,
              let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        let code = typeHeader((object["__type"] ?? object["code"] ?? object["Code"]) as? String)
        let message = (object["message"] ?? object["Message"] ?? object["errorMessage"]) as? String
        return AWSErrorResponse(code: code, message: message)
    }

    private static func xml(_ body: Data) -> AWSErrorResponse? {
        let text = String(decoding: body, as: UTF8.self)
        guard text.contains("<Error") else { return nil }
        return AWSErrorResponse(code: element("Code", in: text), message: element("Message", in: text),
                                requestId: element("RequestId", in: text))
    }

    /// The text of the first `<name>...</name>`, entities decoded. Error documents are flat and
    /// tiny; this is all of XML they need.
    static func element(_ name: String, in text: String) -> String? {
        guard let open = text.range(of: "<\(name)>"),
              let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex) else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
