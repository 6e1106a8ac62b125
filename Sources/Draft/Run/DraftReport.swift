import Concurrency
import Foundation
import TabiCore

/// The end of a `draft` run: what happened to each trip, the calls and tokens it took, and what
/// that is estimated to cost.
public struct DraftReport: Sendable {
    /// One outcome per trip, in slug order.
    public var outcomes: [TripOutcome]
    /// Narrator calls made (failed ones included; retries not: see ``retries``).
    public var calls: Int
    /// HTTP sends that were retries, and how many of them were for throttling.
    public var retries: Int
    public var throttled: Int
    /// Tokens of the calls that succeeded.
    public var usage: TokenUsage
    /// Who wrote.
    public var narrator: NarratorIdentity
    /// The model's price, when `narrator.prices` has it.
    public var price: ModelPrice?
    /// How long the run took.
    public var elapsed: Duration
    /// The refusal that stopped the run early (credentials or key not accepted), if any.
    public var stoppedBy: String?

    public init(
        outcomes: [TripOutcome], calls: Int, retries: Int, throttled: Int, usage: TokenUsage,
        narrator: NarratorIdentity, price: ModelPrice?, elapsed: Duration, stoppedBy: String? = nil
    ) {
        self.outcomes = outcomes
        self.calls = calls
        self.retries = retries
        self.throttled = throttled
        self.usage = usage
        self.narrator = narrator
        self.price = price
        self.elapsed = elapsed
        self.stoppedBy = stoppedBy
    }

    // MARK: - Counts

    public var drafted: Int { outcomes.count { if case .drafted = $0.result { true } else { false } } }
    public var kept: Int { outcomes.count { if case .kept = $0.result { true } else { false } } }
    public var skipped: Int { outcomes.count { if case .skipped = $0.result { true } else { false } } }
    public var planned: Int { outcomes.count { if case .planned = $0.result { true } else { false } } }
    public var failures: [TripOutcome] { outcomes.filter(\.isFailure) }
    /// Whether any trip failed (exit code 1).
    public var failed: Bool { !failures.isEmpty }

    /// The estimated cost in USD: tokens times the model's price (zero for the offline narrator).
    public var cost: Double? {
        guard narrator.isModel else { return 0 }
        return price?.cost(inputTokens: usage.input, outputTokens: usage.output)
    }

    // MARK: - Text

    /// The closing lines a run prints.
    public var summary: String {
        var parts = [
            "\(drafted) drafted", "\(skipped) skipped (unchanged)", "\(kept) kept (edited: wrote story.draft.md)",
            "\(failures.count) failed",
        ]
        if planned > 0 { parts.insert("\(planned) planned (dry run)", at: 0) }
        var lines = ["draft: " + parts.joined(separator: ", ") + " — \(outcomes.count) trip\(outcomes.count == 1 ? "" : "s"), \(narrator)"]
        var calls = "calls: \(self.calls), retries: \(retries)"
        if throttled > 0 { calls += " (\(throttled) throttled)" }
        calls += "; tokens: \(Self.grouped(usage.input)) in, \(Self.grouped(usage.output)) out"
        switch cost {
        case let cost? where narrator.isModel:
            calls += String(format: "; estimated cost: $%.4f", cost)
        case nil:
            calls += "; estimated cost: unknown (no price for \(narrator.model ?? narrator.kind) in narrator.prices)"
        default:
            break
        }
        calls += String(format: "; %.1f s", elapsed.secondsValue)
        lines.append(calls)
        if stoppedBy != nil { lines.append("stopped early: the service refused the credentials or key, so no more trips were sent") }
        return lines.joined(separator: "\n")
    }

    /// `12,345`.
    static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
