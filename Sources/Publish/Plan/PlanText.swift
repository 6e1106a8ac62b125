/// A plan as text: one line of counts, then (for `--dry-run` or `--verbose`) every upload with
/// its stage and reason, every refused file and delete, the state writes and the invalidation batch.
public enum PlanText {
    /// `Plan for s3://site/: 12 uploads (1.4 MiB), 3 deletes, 1021 unchanged (54.0 MiB).`
    public static func headline(_ planned: PlannedPublish) -> String {
        let plan = planned.plan
        return "Plan for \(planned.bucketURL): \(plan.uploads.count) uploads (\(ByteCount(plan.uploadBytes))), "
            + "\(plan.deletes.count) deletes, \(plan.unchanged.count) unchanged (\(ByteCount(plan.unchangedBytes)))"
            + (plan.refused.isEmpty ? "." : ", \(plan.refused.count) refused.")
    }

    /// Every line of the plan, in apply order.
    public static func details(_ planned: PlannedPublish) -> String {
        let plan = planned.plan
        var lines: [String] = []
        for upload in plan.uploads {
            let encoding = upload.object.headers.contentEncoding.map { ", \($0)" } ?? ""
            let parts = upload.object.isMultipart ? ", \(upload.object.parts.count) parts" : ""
            lines.append(
                "  upload  \(pad(upload.stage.description, 16)) \(pad(upload.reason.rawValue, 15)) "
                    + "\(pad(ByteCount(upload.object.size).description, 10, right: true))  \(upload.object.key)\(encoding)\(parts)")
        }
        for refused in plan.refused { lines.append("  refused \(refused.path): \(refused.error.reason)") }
        for key in plan.deletes { lines.append("  delete  \(key)") }
        for key in plan.retired { lines.append("  delete  \(key) (left by an earlier publish)") }
        for file in plan.stateWrites { lines.append("  state   \(planned.store.url(file.name))") }
        for name in plan.staleStateRecords { lines.append("  delete  \(planned.store.url(name)) (no longer built)") }
        for path in plan.unkeptBuildFiles { lines.append("  local   \(path) (kept only with --state)") }
        if plan.writesRulesRecord { lines.append("  rules   \(plan.rulesRecordKey)") }
        if let pending = planned.pending {
            let owed = pending.paths.map { "\($0.count) paths" } ?? "everything"
            lines.append("  pending \(owed) an earlier publish did not get to invalidate")
        }
        if planned.distributionId != nil, !planned.invalidationBatch.isEmpty {
            lines.append(
                "  invalidate \(planned.invalidationBatch.count) paths (\(planned.invalidationPaths.count) before wildcards): "
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
