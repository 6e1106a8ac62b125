import Concurrency
import Foundation
import Logging

/// Sends signed requests to one AWS service, retrying what is worth retrying, and turns error
/// responses into ``AWSError``s. The service operations (S3, Bedrock, CloudFront) are built on
/// ``send(_:)``.
///
/// Copies share their metrics. The client is cheap: make one per service and share it.
public struct AWSClient: Sendable {
    /// The service requests go to.
    public let service: AWSService
    /// Endpoint, credentials, retries and clock.
    public let settings: AWSSettings
    let signer: SigV4Signer
    /// Shared by copies of this client.
    private let counters = Locked(AWSClientMetrics())

    /// Error codes meaning the credentials' token expired: fetch new ones and send again.
    static let expiredTokenCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired"]

    public init(service: AWSService, settings: AWSSettings) {
        self.service = service
        self.settings = settings
        signer = SigV4Signer(signingName: service.signingName, region: settings.endpoint.signingRegion, rules: service.rules)
    }

    /// What this client (and its copies) has sent so far.
    public var metrics: AWSClientMetrics { counters.withLock { $0 } }

    /// Signs and sends `request`, retrying throttling, server errors and connection failures
    /// per the retry policy. Returns the 2xx response; anything else throws an ``AWSError``
    /// naming the service, operation and resource.
    public func send(_ request: AWSRequest) async throws(AWSError) -> HTTPResponse {
        counters.withLock { $0.requests += 1 }
        do {
            return try await sendWithRetries(request)
        } catch {
            counters.withLock { $0.failures += 1 }
            throw error
        }
    }

    // MARK: - Attempts

    private func sendWithRetries(_ request: AWSRequest) async throws(AWSError) -> HTTPResponse {
        let payloadHash = try payloadHash(for: request)
        let loop = RetryLoop(policy: settings.retry, sleep: settings.clock.sleep)
        return try await loop.run { attempt async -> AttemptResult<HTTPResponse, AWSError> in
            let credentials: AWSCredentials
            do throws(AWSCredentialsError) {
                credentials = try await settings.credentials.credentials()
            } catch {
                return .failure(failure(.credentials(error), request, attempts: attempt - 1), retry: nil)
            }
            counters.withLock { $0.attempts += 1 }
            switch await sendOnce(request, payloadHash, credentials, attempt) {
            case .success(let response): return .success(response)
            case .failure(let failed):
                // An expired token is refreshed (before the retry) and the request sent again at once.
                let wait = failed.error.retryReason == .credentialsExpired ? .zero : failed.retryAfter
                return .failure(failed.error, retry: failed.error.retryReason, retryAfter: wait)
            }
        } beforeRetry: { retry in
            if retry.reason == .credentialsExpired { await settings.credentials.invalidate() }
            counters.withLock {
                $0.retries += 1
                if retry.reason == .throttled { $0.throttled += 1 }
            }
            let seconds = String(format: "%.1f s", retry.delay.secondsValue)
            settings.logger.notice(
                "\(subject(request)): \(Self.summary(of: retry.failure)); retry \(retry.number) of \(settings.retry.maxAttempts - 1) in \(seconds)"
            )
        } cancelled: { _, attempts in
            failure(.cancelled, request, attempts: attempts)
        }
    }

    /// A failed attempt and the wait its response asked for.
    private struct AttemptFailure: Error {
        var error: AWSError
        var retryAfter: Duration?
    }

    /// One attempt: the 2xx response, or the error with any `Retry-After` it asked for.
    private func sendOnce(
        _ request: AWSRequest, _ payloadHash: String, _ credentials: AWSCredentials,
        _ attempt: Int
    ) async -> Result<HTTPResponse, AttemptFailure> {
        let http = httpRequest(for: request, payloadHash: payloadHash, credentials: credentials, date: settings.clock.now())
        do {
            let response = try await settings.httpClient.send(http)
            if response.isSuccess {
                settings.logger.debug("\(subject(request)): HTTP \(response.status) on attempt \(attempt)")
                return .success(response)
            }
            return .failure(
                AttemptFailure(
                    error: serviceError(response, request, attempts: attempt, secrets: credentials.secrets),
                    retryAfter: RetryAfter.delay(in: response.headers, now: settings.clock.now())))
        } catch {
            if error.kind == .cancelled { return .failure(AttemptFailure(error: failure(.cancelled, request, attempts: attempt))) }
            var transport = error
            transport.detail = AWSRedaction.redact(transport.detail, secrets: credentials.secrets)
            var failure = failure(.transport(transport), request, attempts: attempt)
            failure.retryReason = HTTPRetryClassifier.classify(error)
            return .failure(AttemptFailure(error: failure))
        }
    }

    // MARK: - Errors

    private func serviceError(_ response: HTTPResponse, _ request: AWSRequest, attempts: Int, secrets: [String]) -> AWSError {
        let parsed = AWSErrorResponse(response: response)
        let reason =
            parsed.code.map { Self.expiredTokenCodes.contains($0) } == true
            ? .credentialsExpired : AWSRetryClassifier.classify(status: response.status, code: parsed.code)
        // Code and request id come from the service too: a misbehaving one (or a proxy) may echo
        // a header into them, so they are redacted like the message.
        return AWSError(
            kind: .service, service: service.name, operation: request.operation, resource: request.resource,
            statusCode: response.status, code: parsed.code.map { AWSRedaction.redact($0, secrets: secrets) },
            message: parsed.message.map { AWSRedaction.redact($0, secrets: secrets) },
            requestId: parsed.requestId.map { AWSRedaction.redact($0, secrets: secrets) },
            attempts: attempts, retryReason: reason)
    }

    private func failure(_ kind: AWSError.Kind, _ request: AWSRequest, attempts: Int) -> AWSError {
        AWSError(kind: kind, service: service.name, operation: request.operation, resource: request.resource, attempts: attempts)
    }

    private func subject(_ request: AWSRequest) -> String {
        [service.name, request.operation, request.resource].compactMap { $0 }.joined(separator: " ")
    }

    private static func summary(of error: AWSError) -> String {
        switch error.kind {
        case .service: "\(error.code ?? "HTTP") (\(error.statusCode ?? 0))"
        case .transport(let transport): transport.kind.rawValue
        case .credentials, .cancelled: "\(error.kind)"
        }
    }
}
