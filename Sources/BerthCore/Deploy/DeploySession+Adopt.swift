import ServicePlugin

extension DeploySession {
    /// The project `--adopt` names, as preflight listed it: it must exist and run whole.
    func adoptionSwitch(_ project: String) throws -> AdoptionSwitch {
        guard case .local = orchestrator.containerAccess else { throw BerthError.usage("--adopt: a Swarm environment cannot take over a compose project") }
        let running = RunningProject(
            name: project, containers: facts.containers.filter { $0.project == project }, clusters: facts.databaseVersions,
            projects: Set(facts.containers.compactMap(\.project)).sorted())
        let resuming = facts.adopting == project
        let problems = running.problems(on: remote.name, resuming: resuming)
        guard problems.isEmpty else { throw BerthError.usage("--adopt: " + problems.joined(separator: "\n")) }
        var switching = AdoptionSwitch(project: project, containers: running.containers, clusters: Set(running.clusters.keys), remote: remote)
        switching.resuming = resuming
        return switching
    }

    /// Stops the old project's apps, so that nothing writes any more; dumps and counts its databases and lists its data
    /// folders' files; then stops the databases. Returns what was counted, to compare once Berth's stack passed its gate.
    func takeOver(_ switching: AdoptionSwitch, report: inout DeployReport) async throws -> [String] {
        let dumps = "\(stack.context.dumpsDir)/adopted-\(switching.project)-\(stamp.releaseID)"
        if switching.resuming {
            // A switch cut short left the project part stopped: it runs whole again, and is taken over from there.
            try await step("adopt: resume", &report) {
                try await runner.check(switching.start(timeout: 120), timeout: 180, what: "starting what the switch cut short stopped of \(switching.project)")
            }
        }
        try await step("adopt: stop", &report) {
            // Marked first: a switch cut short from here on is resumed by the next one.
            try await runner.check(switching.mark(), what: "marking the switch on \(remote.name)")
            try await runner.check(switching.stop(databases: false), timeout: 300, what: "stopping \(switching.project)'s apps")
        }
        let counted = try await step("adopt: dump", &report) {
            let snapshot = try await runner.check(switching.snapshot(oldClusters(switching), dumps: dumps), timeout: 1800, what: "dumping and counting \(switching.project)'s databases")
            let files = try await runner.check(switching.fileLists(dataFolders), timeout: 300, what: "listing the data folders' files")
            return AdoptionSwitch.lines(snapshot.stdout + files.stdout)
        }
        progress.note("adopt: dump", "\(counted.filter { $0.hasPrefix("rows ") }.count) tables counted, dumps kept in \(dumps)")
        try await step("adopt: stop databases", &report) {
            try await runner.check(switching.stop(databases: true), timeout: 300, what: "stopping \(switching.project)'s databases")
        }
        return counted
    }

    /// The same counts and file lists from Berth's containers: any difference fails the deploy, which gives the project back.
    func verify(_ switching: AdoptionSwitch, against before: [String]) async throws {
        let pairs = DatabaseMajors.databases(stack).map { ("svc:\(stack.context.name)/\($0.service)", $0.folder) }
        let snapshot = try await runner.check(switching.snapshot(pairs, dumps: nil), timeout: 1800, what: "counting the rows Berth's databases serve")
        let files = try await runner.check(switching.fileLists(dataFolders), timeout: 300, what: "listing the data folders' files")
        let after = AdoptionSwitch.lines(snapshot.stdout + files.stdout)
        let lost = Set(before).subtracting(after).sorted(), gained = Set(after).subtracting(before).sorted()
        guard lost.isEmpty && gained.isEmpty else {
            throw BerthError.failed(
                "adopt: what Berth's stack serves differs from what \(switching.project) served: before " + lost.joined(separator: ", ") + "; after " + gained.joined(separator: ", "))
        }
    }

    /// Each cluster folder of the stack with the old container that mounts it.
    func oldClusters(_ switching: AdoptionSwitch) -> [(container: String, folder: String)] {
        DatabaseMajors.databases(stack).compactMap { database in
            switching.databaseMounts[database.folder].map { ($0, database.folder) }
        }
    }

    /// The stack's persistent folders that hold files rather than a live database, the proxy's certificates aside.
    var dataFolders: [String] {
        let clusters = Set(DatabaseMajors.databases(stack).map(\.folder))
        // The proxy's folders hold its certificates, which it (or the deploy, for an internal CA) writes as it obtains
        // them: they change with the switch whatever happened to the data, so they are not compared.
        let served = stack.modules.filter { !$0.definition.provides.contains(.reverseProxy) }
        return served.flatMap { $0.fragment.services.flatMap { $0.volumes.filter { $0.role == .data && !clusters.contains($0.source) }.map(\.source) } }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.sorted()
    }

    /// A switch that failed after the old project stopped: Berth's containers go, and the project starts again as it was.
    func giveBack(_ switching: AdoptionSwitch, report: inout DeployReport) async {
        do {
            try await step("adopt: give back", &report) {
                try await removeCreated(keeping: [])
                // However short the gate's timeout, the project the server ran must be waited for until it serves again.
                let wait = max(options.timeout, 120)
                try await runner.check(switching.start(timeout: Int(wait)), timeout: wait + 60, what: "starting \(switching.project) again")
            }
            _ = try? await runner.run(switching.unmark())
            report.gaveBack = switching.project
        } catch {
            report.rollbackError = "starting \(switching.project) again: \(error)"
        }
    }

    /// Once Berth's release is recorded, the old project's stopped containers go; a failure here is only reported.
    func removeTakenOver(_ switching: AdoptionSwitch, report: inout DeployReport) async {
        do {
            try await step("adopt: remove", &report) {
                try await runner.check(switching.remove(), timeout: 120, what: "removing \(switching.project)'s containers")
                try await runner.check(switching.unmark(), what: "clearing the switch's mark")
            }
        } catch {
            progress.note("adopt: remove", "warning: \(error); remove them with `docker rm` once you are sure")
        }
    }
}
