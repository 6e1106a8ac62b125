import AWS
import Concurrency
import TabiCore

/// What a publish did (or, for a dry run, would do), for the summary and the exit code.
public struct PublishReport: Sendable {
    public var planned: PlannedPublish
    public var dryRun: Bool
    /// Uploads that succeeded.
    public var uploaded: [PublishPlan.Upload] = []
    /// Keys deleted.
    public var deleted: [String] = []
    /// Keys that failed, each naming the operation and the service's answer.
    public var failures: [PublishFailure] = []
    /// Uploads not tried because an earlier stage failed.
    public var skippedUploads = 0
    /// Whether the header rules record was written.
    public var wroteRulesRecord = false
    /// The invalidation CloudFront accepted.
    public var invalidation: CloudFrontInvalidation?
    /// The paths it was sent with.
    public var invalidatedPaths: [String] = []
    /// Requests sent to S3 and CloudFront.
    public var requests: AWSClientMetrics
    public var duration: Duration

    public init(planned: PlannedPublish, dryRun: Bool, requests: AWSClientMetrics, duration: Duration) {
        self.planned = planned
        self.dryRun = dryRun
        self.requests = requests
        self.duration = duration
    }

    /// Whether any key failed (exit status 1).
    public var failed: Bool { !failures.isEmpty }

    /// The closing lines: counts and bytes, the invalidation, requests and time.
    public var summary: String {
        let plan = planned.plan
        let seconds = String(format: "%.2f s", duration.secondsValue)
        let unchanged = "\(plan.unchanged.count) unchanged (\(ByteCount(plan.unchangedBytes)))"
        var lines: [String] = []
        if dryRun {
            lines.append(
                "Dry run for \(planned.bucketURL): would upload \(plan.uploads.count) (\(ByteCount(plan.uploadBytes))), "
                    + "delete \(plan.deletes.count), leave \(unchanged); nothing was written.")
            if planned.distributionId != nil {
                lines.append(
                    planned.invalidationBatch.isEmpty
                        ? "Nothing to invalidate."
                        : "Would invalidate \(planned.invalidationBatch.count) paths: \(planned.invalidationBatch.joined(separator: " "))")
            }
        } else {
            let bytes = uploaded.reduce(Int64(0)) { $0 + $1.object.size }
            lines.append(
                "Published to \(planned.bucketURL) in \(seconds): \(uploaded.count) uploaded (\(ByteCount(bytes))), "
                    + "\(deleted.count) deleted, \(unchanged), \(failures.count) failed"
                    + (skippedUploads > 0 ? ", \(skippedUploads) not tried after a failed stage." : "."))
            if failed {
                let keys = failures.map(\.key)
                lines.append(
                    "Failed: " + keys.prefix(20).joined(separator: ", ") + (keys.count > 20 ? " and \(keys.count - 20) more" : "")
                        + " (the errors are above; publish again to retry them).")
            }
            if let invalidation {
                lines.append(
                    "Invalidated \(invalidatedPaths.count) paths on \(planned.distributionId ?? "?") "
                        + "(invalidation \(invalidation.id), \(invalidation.status)): \(invalidatedPaths.joined(separator: " "))")
            } else if let distribution = planned.distributionId {
                lines.append(
                    failed
                        ? "Invalidation of \(distribution) not sent; the next publish sends it."
                        : "Nothing to invalidate on \(distribution).")
            }
        }
        lines.append("Requests: \(requests).")
        return lines.joined(separator: "\n")
    }
}

/// A byte count for people: `812 B`, `12.4 KiB`, `3.1 MiB`.
public struct ByteCount: CustomStringConvertible, Sendable {
    public var bytes: Int64

    public init(_ bytes: Int64) { self.bytes = bytes }

    public var description: String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
