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
        requestId =
            response.headers["x-amzn-RequestId"] ?? response.headers["x-amz-request-id"]
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
            let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        else { return nil }
        let code = typeHeader((object["__type"] ?? object["code"] ?? object["Code"]) as? String)
        let message = (object["message"] ?? object["Message"] ?? object["errorMessage"]) as? String
        return AWSErrorResponse(code: code, message: message)
    }

    /// `<Error>` at the root (S3), or under `<ErrorResponse>` (CloudFront) or `<Response><Errors>`
    /// (the query protocols), with the request id beside it or inside it.
    private static func xml(_ body: Data) -> AWSErrorResponse? {
        guard let root = XMLTree(parsing: body),
            let error = root.name == "Error" ? root : root.child("Error") ?? root.child("Errors")?.child("Error")
        else { return nil }
        return AWSErrorResponse(
            code: error["Code"], message: error["Message"],
            requestId: error["RequestId"] ?? root["RequestId"])
    }
}
