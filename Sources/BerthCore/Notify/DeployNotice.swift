import Foundation

/// The words of a deploy's notification; key names and step names only, never a value.
public enum DeployNotice {
    /// What changed and how long each step took.
    public static func success(_ report: DeployReport) -> String {
        let seconds = report.steps.reduce(0) { $0 + $1.seconds }
        var lines = ["Release \(report.release ?? "?") of \(report.environment) is live and healthy (\(String(format: "%.1f", seconds)) s)."]
        if let previous = report.previousRelease { lines.append("Previous release: \(previous).") }
        if let plan = report.plan, !plan.text.isEmpty { lines.append(plan.text) }
        return lines.joined(separator: "\n")
    }

    /// "deploy of production failed at health; rolled back to …".
    public static func failureTitle(_ report: DeployReport) -> String {
        let step = report.failedStep.map { " at \($0)" } ?? ""
        if report.rolledBack { return "deploy of \(report.environment) failed\(step); rolled back to \(report.previousRelease ?? "?")" }
        if let why = report.rollbackError { return "deploy of \(report.environment) failed\(step); NOT rolled back: \(why)" }
        return "deploy of \(report.environment) failed\(step)"
    }
}
