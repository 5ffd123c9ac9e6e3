import Foundation

extension StatusReport {
    /// The plain-text report: one section per part, in the order of the page.
    public var text: String {
        let stamp = { (date: Date) in ISO8601DateFormatter().string(from: date) }
        let counts = checkCounts
        var lines = ["\(project) \(environment) (\(target)) at \(stamp(generated))", "", "checks: \(counts.fail) failed, \(counts.warn) warnings, \(counts.ok) ok"]
        if let checksError { lines.append("  could not run: \(checksError)") }
        if !checks.isEmpty { lines += checks.table.split(separator: "\n").map { "  \($0)" } }
        lines += ["", "backups"]
        if let backups {
            if let error = backups.error { lines.append("  could not list: \(error)") }
            for dump in backups.dumps {
                lines.append("  dump \(dump.module)/\(dump.file)  \(age(dump.time)) old  \([BackupStep].size(dump.sizeBytes))")
            }
            if let snapshot = backups.newestSnapshot {
                lines.append("  newest snapshot \(snapshot.id)  \(age(snapshot.time)) old  \(snapshot.sizeBytes.map([BackupStep].size) ?? "-")  (\(backups.snapshots) in all)")
            } else if backups.error == nil {
                lines.append("  no snapshot yet")
            }
            if let drill = backups.lastDrill {
                lines.append(
                    "  last restore drill \(age(drill.time)) ago (\(stamp(drill.time))): \(drill.drilled.joined(separator: ", "))\(drill.recoverySeconds.map { ", in \(Int($0.rounded())) s" } ?? "")")
            } else {
                lines.append("  no restore drill recorded" + (backups.drillError.map { ": \($0)" } ?? " (berth backup verify records one)"))
            }
        } else {
            lines.append("  none: the environment has no backup engine")
        }
        lines += ["", "releases"]
        if let releasesError { lines.append("  could not read: \(releasesError)") }
        if let releases { lines += releases.releases.isEmpty ? ["  none recorded"] : releases.lines.map { "  \($0)" } }
        lines += ["", "updates"]
        if let updatesError { lines.append("  could not check: \(updatesError)") }
        if let updates { lines += updates.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" } }
        return lines.joined(separator: "\n")
    }
}
