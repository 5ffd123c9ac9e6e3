extension DeploySession {
    /// True when preflight's probe shows the live release already runs what this deploy would (see ``NoOpCheck``),
    /// with the lock free: the deploy writes nothing, so it takes no lock.
    func skip(live: ReleaseRecord, probe: NoOpProbe, report: inout DeployReport) -> Bool {
        guard unchanged(live: live, probe: probe) else { return false }
        _ = showPlan(live: live, report: &report)
        said(unchanged: live, report: &report)
        return true
    }

    /// True when the live release already runs what this deploy would, read under the lock after the
    /// `secrets:` writes: the lock is let go and nothing else happens.
    func unchangedUnderLock(live: ReleaseRecord, report: inout DeployReport) async throws -> Bool {
        guard orchestrator.probesUnchanged, !options.force else { return false }
        let probe = try await NoOpProbe.read(stack, remote: remote, references: Self.imageReferences(stack), runner: runner)
        guard unchanged(live: live, probe: probe) else { return false }
        said(unchanged: live, report: &report)
        try await lock.release()
        return true
    }

    private func unchanged(live: ReleaseRecord, probe: NoOpProbe) -> Bool {
        guard !live.release.failed else { return false }
        let reasons = NoOpCheck.reasons(stack: stack, tree: tree, live: live, probe: probe)
        if !reasons.isEmpty { progress.note("plan", "changes: " + reasons.joined(separator: "; ")) }
        return reasons.isEmpty
    }

    private func said(unchanged live: ReleaseRecord, report: inout DeployReport) {
        report.unchanged = true
        report.release = live.release.id
        report.ok = true
        progress.note("plan", "no changes: release \(live.release.id) runs as recorded; nothing synced, pulled or started (--force runs every step)")
    }

    /// The plan from the live release to this deploy, built once: in the report, and handed to the progress reporter as a value.
    func showPlan(live: ReleaseRecord?, report: inout DeployReport) -> Plan {
        let plan = Plan(from: live?.release.id, old: live?.summary, new: summary, stack: stack)
        report.previousRelease = live?.release.id
        report.plan = plan
        progress.plan(plan)
        return plan
    }
}
