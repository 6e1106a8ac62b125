import TabiCore

extension PublishReport: StageReport {
    public static let stage = "publish"

    public var exitCode: Int32 { failed ? 1 : 0 }

    public var json: JSONValue {
        [
            "stage": .string(Self.stage), "seconds": .seconds(duration), "exitCode": .int(Int(exitCode)),
            "dryRun": .bool(dryRun), "bucket": .string(planned.bucketURL),
            "uploaded": .array(uploaded.map { ["key": .string($0.object.key), "reason": .string($0.reason.rawValue)] }),
            "deleted": .strings(deleted), "unchanged": .int(planned.plan.unchanged.count),
            "failures": .strings(failures.map(\.description)),
            "invalidation": .optional(invalidation?.id), "invalidatedPaths": .strings(invalidatedPaths),
            "requests": .int(requests.requests),
        ]
    }
}
