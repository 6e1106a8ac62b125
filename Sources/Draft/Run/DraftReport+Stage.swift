import TabiCore

extension DraftReport: StageReport {
    public static let stage = "draft"

    public var exitCode: Int32 { stoppedBy != nil ? 2 : (failed ? 1 : 0) }
    public var duration: Duration { elapsed }

    public var json: JSONValue {
        [
            "stage": .string(Self.stage), "seconds": .seconds(elapsed), "exitCode": .int(Int(exitCode)),
            "narrator": .string(narrator.description), "calls": .int(calls), "retries": .int(retries),
            "throttled": .int(throttled), "inputTokens": .int(usage.input), "outputTokens": .int(usage.output),
            "estimatedCostUSD": cost.map { .double($0) } ?? .null,
            "drafted": .int(drafted), "kept": .int(kept), "skipped": .int(skipped), "failed": .int(failures.count),
            "trips": .array(outcomes.map { ["slug": .string($0.slug), "outcome": .string($0.line)] }),
            "stoppedBy": .optional(stoppedBy),
        ]
    }
}
