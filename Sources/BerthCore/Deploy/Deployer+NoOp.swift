extension Deployer {
    /// True when the live release already runs what this deploy would (see ``NoOpCheck``): the lock is let go
    /// and nothing else happens. Swarm deploys and `--force` always run every step.
    func unchanged(tree: RenderedTree, live: ReleaseRecord, report: inout DeployReport) async throws -> Bool {
        guard stack.environment.swarm == nil, !options.force, !live.release.failed else { return false }
        let probe = try await NoOpProbe.read(remote, references: imageReferences, runner: runner)
        let reasons = NoOpCheck.reasons(stack: stack, tree: tree, live: live, probe: probe)
        guard reasons.isEmpty else {
            progress.note("plan", "changes: " + reasons.joined(separator: "; "))
            return false
        }
        try await lock.release()
        report.unchanged = true
        report.release = live.release.id
        progress.note("plan", "no changes: release \(live.release.id) runs as recorded; nothing synced, pulled or started (--force runs every step)")
        return true
    }
}
