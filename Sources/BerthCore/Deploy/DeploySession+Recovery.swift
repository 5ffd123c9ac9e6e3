import ServicePlugin

extension DeploySession {
    /// After a failed step: the server goes back to what ran before this deploy, and the report says how.
    ///
    /// A switch (`--adopt`) that stopped the old project gives it back; `--no-rollback` leaves the failure in place;
    /// a first deploy removes what it created; any other deploy puts the live release back.
    func recover(live: ReleaseRecord?, undoing undo: [MigrationUndo] = [], of plan: Plan? = nil, report: inout DeployReport) async {
        if let switching, report.steps.contains(where: { $0.name == "adopt: stop" }) { return await giveBack(switching, report: &report) }
        guard !options.noRollback else { return }
        do {
            try await undoMigrations(undo, services: services(of: (plan?.migrations ?? []).map(\.module)), report: &report, prefix: "rollback: ")
        } catch {
            // The previous release must not start on data half put back: the admin decides, with the report.
            report.rollbackError = "\(error)"
            return
        }
        guard let live else {
            // Removing what a first deploy created takes the containers one by one, which only compose leaves here.
            guard case .local = orchestrator.containerAccess else {
                report.rollbackError = "no previous release to roll back to"
                return
            }
            do {
                try await step("rollback: remove", &report) { try await removeCreated(keeping: ownContainers(facts)) }
                report.removedFirstDeploy = true
            } catch {
                report.rollbackError = "removing the containers this first deploy created: \(error)"
            }
            return
        }
        do {
            try await restoreAndStart(live.release.id, services: live.summary.services.keys.sorted(), report: &report, prefix: "rollback: ")
            report.rolledBack = true
        } catch {
            report.rollbackError = String(describing: error)
        }
    }

    /// The `secrets:` commands' values, written into the server's `.env` files before anything starts.
    func writeSecrets() async throws {
        let env = ServerEnv(stack: stack, runner: runner)
        for resolved in options.secrets {
            let secret = resolved.secret
            if secret.module == NotifyScript.folder {
                // Read by notify.sh line by line, not by compose: the value goes in as it is.
                _ = try await env.write(path: "\(remote.root)/\(secret.module)/.env", key: secret.key, line: "\(secret.key)=\(resolved.value)")
            } else {
                _ = try await env.set(module: secret.module, key: secret.key, value: resolved.value)
            }
        }
    }
}
