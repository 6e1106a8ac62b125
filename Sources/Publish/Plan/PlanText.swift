/// A plan as text: one line of counts, then (for `--dry-run` or `--verbose`) every upload with
/// its stage and reason, every delete, the state writes and the invalidation batch.
public enum PlanText {
    /// `Plan for s3://site/: 12 uploads (1.4 MiB), 3 deletes, 1021 unchanged (54.0 MiB).`
    public static func headline(_ planned: PlannedPublish) -> String {
        let plan = planned.plan
        return "Plan for \(planned.bucketURL): \(plan.uploads.count) uploads (\(ByteCount(plan.uploadBytes))), "
            + "\(plan.deletes.count) deletes, \(plan.unchanged.count) unchanged (\(ByteCount(plan.unchangedBytes)))."
    }

    /// Every line of the plan, in apply order.
    public static func details(_ planned: PlannedPublish) -> String {
        let plan = planned.plan
        var lines: [String] = []
        for upload in plan.uploads {
            let encoding = upload.object.headers.contentEncoding.map { ", \($0)" } ?? ""
            let parts = upload.object.isMultipart ? ", \(upload.object.parts.count) parts" : ""
            lines.append("  upload  \(pad(upload.stage.description, 16)) \(pad(upload.reason.rawValue, 15)) "
                + "\(pad(ByteCount(upload.object.size).description, 10, right: true))  \(upload.object.key)\(encoding)\(parts)")
        }
        for key in plan.deletes { lines.append("  delete  \(key)") }
        if plan.writesHeaderState { lines.append("  state   \(plan.headerStateKey)") }
        for key in plan.staleHeaderStates { lines.append("  delete  \(key) (header state of older rules)") }
        if let pending = planned.pending {
            lines.append("  pending \(pending.paths.count) paths an earlier publish did not get to invalidate")
        }
        if planned.distributionId != nil, !planned.invalidationBatch.isEmpty {
            lines.append("  invalidate \(planned.invalidationBatch.count) paths (\(planned.invalidationPaths.count) before wildcards): "
                + planned.invalidationBatch.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        guard text.count < width else { return text }
        let spaces = String(repeating: " ", count: width - text.count)
        return right ? spaces + text : text + spaces
    }
}
