import Concurrency
import Foundation

/// The CloudFront operations publish needs, on an ``AWSClient`` for ``AWSService/cloudFront``.
public struct CloudFrontClient: Sendable {
    /// The most paths one invalidation batch may carry.
    public static let maxPathsPerInvalidation = 3000
    /// The most wildcard paths CloudFront keeps in progress at once per distribution.
    public static let maxWildcardsInProgress = 15

    /// The client requests go through.
    public let client: AWSClient
    /// How long ``createInvalidation(distributionId:paths:callerReference:)`` keeps asking while
    /// CloudFront answers `TooManyInvalidationsInProgress` (invalidations finish within minutes);
    /// zero gives up at once. Ten minutes, like `aws cloudfront wait invalidation-completed`.
    public var busyWait: Duration
    /// The wait between two asks while CloudFront is busy.
    public var busyPoll: Duration

    /// The error code of a distribution with too many invalidations in progress.
    public static let busyCode = "TooManyInvalidationsInProgress"

    public init(client: AWSClient, busyWait: Duration = .seconds(600), busyPoll: Duration = .seconds(20)) {
        self.client = client
        self.busyWait = max(busyWait, .zero)
        self.busyPoll = max(busyPoll, .seconds(1))
    }

    /// A client with `settings` resolved for ``AWSService/cloudFront``.
    public init(settings: AWSSettings, busyWait: Duration = .seconds(600)) {
        self.init(client: AWSClient(service: .cloudFront, settings: settings), busyWait: busyWait)
    }

    /// What this client has sent so far.
    public var metrics: AWSClientMetrics { client.metrics }

    /// Asks `distributionId` to drop `paths` from its caches. A request sent again with the same
    /// `callerReference` and paths does not make a second invalidation: CloudFront returns the
    /// first, so a retried or repeated call is safe. While the distribution has too many
    /// invalidations in progress, asks again every ``busyPoll`` for up to ``busyWait``.
    public func createInvalidation(
        distributionId: String, paths: [String],
        callerReference: String
    ) async throws(AWSError) -> CloudFrontInvalidation {
        let poll = RetryLoop(policy: .every(busyPoll, for: busyWait), sleep: client.settings.clock.sleep)
        return try await poll.run { _ async -> AttemptResult<CloudFrontInvalidation, AWSError> in
            do throws(AWSError) {
                return .success(
                    try await createInvalidationOnce(distributionId: distributionId, paths: paths, callerReference: callerReference))
            } catch {
                // Only "busy" is waited out here; the client has retried everything else already.
                return .failure(error, retry: error.code == Self.busyCode ? .throttled : nil)
            }
        } beforeRetry: { retry in
            let left = Int((busyWait - busyPoll * (retry.number - 1)).secondsValue.rounded())
            client.settings.logger.notice(
                "CloudFront \(distributionId): too many invalidations in progress; asking again in \(Int(busyPoll.secondsValue)) s (for up to \(left) s more)"
            )
        } cancelled: { busy, attempts in
            busy ?? AWSError(kind: .cancelled, service: client.service.name, operation: "CreateInvalidation", resource: distributionId)
        }
    }

    private func createInvalidationOnce(
        distributionId: String, paths: [String],
        callerReference: String
    ) async throws(AWSError) -> CloudFrontInvalidation {
        var xml = XMLBody.declaration + #"<InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">"#
        xml += "<Paths>" + XMLBody.element("Quantity", String(paths.count)) + "<Items>"
        for path in paths { xml += XMLBody.element("Path", path) }
        xml += "</Items></Paths>" + XMLBody.element("CallerReference", callerReference) + "</InvalidationBatch>"
        let request = AWSRequest(
            operation: "CreateInvalidation", method: .post,
            path: .segments("2020-05-31", "distribution", distributionId, "invalidation"),
            headers: [("Content-Type", "application/xml")], body: .text(xml), resource: distributionId)
        return try invalidation(from: try await client.send(request), operation: "CreateInvalidation", distributionId)
    }

    private func invalidation(from response: HTTPResponse, operation: String, _ distributionId: String) throws(AWSError)
        -> CloudFrontInvalidation
    {
        guard let tree = XMLTree(parsing: response.body), let id = tree["Id"], !id.isEmpty else {
            throw AWSError(
                kind: .service, service: client.service.name, operation: operation, resource: distributionId,
                statusCode: response.status, code: "MalformedResponse", message: "the response has no invalidation Id")
        }
        let batch = tree.child("InvalidationBatch")
        return CloudFrontInvalidation(
            id: id, status: tree["Status"] ?? "",
            paths: batch?.child("Paths")?.child("Items")?.children("Path").map(\.text) ?? [],
            callerReference: batch?["CallerReference"] ?? "")
    }
}

/// An invalidation as CloudFront reports it.
public struct CloudFrontInvalidation: Sendable, Hashable {
    /// The id to quote (`I2J0I21PCUYOIK`).
    public var id: String
    /// `InProgress` or `Completed`.
    public var status: String
    public var paths: [String]
    public var callerReference: String

    public init(id: String, status: String, paths: [String], callerReference: String) {
        self.id = id
        self.status = status
        self.paths = paths
        self.callerReference = callerReference
    }
}
