extension Deployer {
    /// Whether preflight reads the ``NoOpProbe`` too. Not for Swarm or `--force`, which run every step, nor
    /// when `secrets:` commands may write a `.env`: then the probe runs under the lock, after the writes.
    var probesBeforeLock: Bool { stack.environment.swarm == nil && !options.force && options.secrets.isEmpty }

    /// True when preflight's probe shows the live release already runs what this deploy would (see ``NoOpCheck``),
    /// with the lock free: the deploy writes nothing, so it takes no lock.
    func unchanged(tree: RenderedTree, probe: NoOpProbe, report: inout DeployReport) -> Bool {
        guard !probe.locked, let live = probe.live else { return false }
        _ = showPlan(live: live, summary: StackSummary(stack: stack, tree: tree), report: &report)
        return skip(tree: tree, live: live, probe: probe, report: &report)
    }

    /// True when the live release already runs what this deploy would, read under the lock after the
    /// `secrets:` writes: the lock is let go and nothing else happens.
    func unchanged(tree: RenderedTree, live: ReleaseRecord, report: inout DeployReport) async throws -> Bool {
        guard stack.environment.swarm == nil, !options.force else { return false }
        let probe = try await NoOpProbe.read(stack, remote: remote, references: imageReferences, runner: runner)
        guard skip(tree: tree, live: live, probe: probe, report: &report) else { return false }
        try await lock.release()
        return true
    }

    private func skip(tree: RenderedTree, live: ReleaseRecord, probe: NoOpProbe, report: inout DeployReport) -> Bool {
        guard !live.release.failed else { return false }
        let reasons = NoOpCheck.reasons(stack: stack, tree: tree, live: live, probe: probe)
        guard reasons.isEmpty else {
            progress.note("plan", "changes: " + reasons.joined(separator: "; "))
            return false
        }
        report.unchanged = true
        report.release = live.release.id
        progress.note("plan", "no changes: release \(live.release.id) runs as recorded; nothing synced, pulled or started (--force runs every step)")
        return true
    }

    /// The plan from the live release to this deploy, in the report and on the progress stream.
    func showPlan(live: ReleaseRecord?, summary: StackSummary, report: inout DeployReport) -> Plan {
        let plan = Plan(from: live?.release.id, old: live?.summary, new: summary)
        report.previousRelease = live?.release.id
        report.plan = plan
        progress.started("plan")
        progress.finished("plan", seconds: 0, ok: true, note: "\n" + plan.text)
        return plan
    }
}
