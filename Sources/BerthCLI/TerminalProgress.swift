import BerthCore
import Foundation

/// Prints each step with its elapsed time to standard error, so stdout stays free for `--json`; the fault suite's
/// `step:` points (``FaultPoint``) pause here, at the start every command's steps share.
struct TerminalProgress: ProgressReporter {
    func started(_ step: String) {
        Output.error("==> \(step)")
        FaultPoint.reach(step)
    }

    func note(_ step: String, _ message: String) {
        Output.error("    \(step): \(message)")
    }

    func plan(_ plan: Plan) {
        Output.error("==> plan\n" + plan.text)
    }

    func finished(_ step: String, seconds: Double, ok: Bool, note: String?) {
        Output.error("    \(step) \(ok ? "ok" : "FAILED") (\(String(format: "%.1f", seconds)) s)" + (note ?? ""))
    }
}
