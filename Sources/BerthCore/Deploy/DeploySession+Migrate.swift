import Foundation
import ServicePlugin

extension DeploySession {
    var migrationCommands: MigrationCommands { MigrationCommands(remote: remote) }

    /// The steps of `plan`'s migrations that run in `phase`, one deploy step a module; what each did goes into `undo`.
    ///
    /// Before the start, per module: the databases' upgrades are checked (nothing has stopped yet), the named services
    /// stop, each crossing PostgreSQL major is copied and swapped, the checkpoint is taken, then the folders move.
    func migrate(_ plan: Plan, phase: MigrationStep.Phase, undo: inout [MigrationUndo], report: inout DeployReport) async throws {
        let migrations = plan.migrations ?? []
        if phase == .beforeStart, migrations.contains(where: \.isPerformed) {
            try stack.requireContainers(
                "crossing " + migrations.filter(\.isPerformed).map(\.title).joined(separator: ", "),
                instead: "a module's migration steps cannot run yet: cross the boundary on a compose environment, or by hand")
        }
        let modules = migrations.map(\.module).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for moduleID in modules {
            let own = migrations.filter { $0.module == moduleID }
            let steps = own.flatMap(\.steps).filter { $0.phase == phase }
            let checkpoint = phase == .beforeStart && own.contains(where: \.checkpoint)
            guard !steps.isEmpty || checkpoint, let module = stack.module(moduleID) else { continue }
            try await step("migrate \(moduleID)" + (phase == .beforeStart ? "" : phase == .afterStart ? " (started)" : " (healthy)"), &report) {
                switch phase {
                case .beforeStart: try await beforeStart(module, own, steps: steps, checkpoint: checkpoint, undo: &undo)
                case .afterStart: try await afterStart(steps)
                case .afterGate: try await afterGate(module, steps: steps)
                }
            }
        }
    }

    private func beforeStart(_ module: StackModule, _ migrations: [Migration], steps: [MigrationStep], checkpoint: Bool, undo: inout [MigrationUndo]) async throws {
        let upgrades = steps.contains(.upgradePostgres) ? try await databaseUpgrades(module, migrations) : []
        let named = steps.flatMap { if case .stop(let services) = $0 { services } else { [String]() } }
        let stopping = upgrades.isEmpty ? named : Array(Set(named + DumpRestorer.appServices(of: module))).sorted()
        if !stopping.isEmpty { try await runner.check(migrationCommands.stop(stopping), timeout: 300, what: "stopping \(stopping.joined(separator: ", "))") }
        let upgrader = DatabaseUpgrader(stack: stack, runner: runner, progress: progress)
        for (plan, from) in upgrades {
            let before = try await upgrader.counts(plan, in: nil)
            do {
                _ = try await upgrader.copy(plan)
                try await upgrader.verify(plan, before: before)
                try await upgrader.run(plan.swap(from: from), "swapping the data folders", timeout: 600)
            } catch {
                _ = try? await runner.run(plan.discard(), timeout: 300)
                throw error
            }
            undo.append(.database(folder: plan.database.folder, kept: plan.kept(from), aside: plan.database.folder + ".pg\(plan.to).returned-" + stamp.releaseID))
            progress.note("migrate", "\(plan.database.service): PostgreSQL \(from) -> \(plan.to), \(before.values.reduce(0, +)) rows in \(before.count) tables; kept \(plan.kept(from))")
        }
        let root = module.context.dataPath(module.id, "").trimmingSuffix("/")
        if checkpoint {
            let services = module.fragment.services.map(\.name)
            try await runner.check(migrationCommands.stop(services), timeout: 300, what: "stopping \(module.id) for its checkpoint")
            let excluded = upgrades.map { ($0.plan.database.folder as NSString).lastPathComponent }
            let copy = root + ".before-" + stamp.releaseID
            let copied = try await runner.check(migrationCommands.checkpoint(root, copy: copy, excluding: excluded), timeout: 6 * 3600, what: "copying \(root)")
            if copied.stdout.contains("copied") { undo.append(.checkpoint(folder: root, copy: copy, excluding: excluded)) }
        }
        for case .move(let from, let into) in steps {
            let (source, target) = (root + "/" + from, root + "/" + into)
            let result = try await runner.run(migrationCommands.move(source, into: target, root: root), timeout: 3600)
            guard result.succeeded else {
                throw BerthError.failed("moving \(source) into \(target): \(MigrationCommands.failures[result.status] ?? "exit \(result.status)")\(CheckRunner.firstLine(result.stderr))")
            }
            if result.stdout.contains("moved") { undo.append(.moveBack(from: source, into: target)) }
        }
    }

    /// Each database of `module` whose image crosses a major, checked as `berth db upgrade` checks it, with its major now.
    private func databaseUpgrades(_ module: StackModule, _ migrations: [Migration]) async throws -> [(plan: DatabaseUpgrade, from: Int)] {
        let crossing = migrations.filter { $0.steps.contains(.upgradePostgres) }
        var upgrades: [(DatabaseUpgrade, Int)] = []
        for database in DatabaseMajors.databases(stack) where database.module == module.id {
            guard crossing.contains(where: { $0.image == database.imageName }), let to = database.major else { continue }
            let plan = DatabaseUpgrade(database: database, to: to, project: stack.context.name, dumpsDir: stack.context.dumpsDir, remote: remote)
            let upgrader = DatabaseUpgrader(stack: stack, runner: runner, progress: progress)
            let facts = try await upgrader.facts(plan)
            // `berth db upgrade` moved it already and deploys the pin it wrote.
            if facts.major == to { continue }
            upgrades.append((plan, try upgrader.validate(facts, plan).major!))
        }
        return upgrades
    }

    private func afterStart(_ steps: [MigrationStep]) async throws {
        for step in steps {
            switch step {
            case .exec(let service, let argv):
                let locator = ComposeOrchestrator.locator(service, project: stack.context.name, on: remote)
                try await runner.check(locator.exec(argv), timeout: 3600, what: "`\(argv.joined(separator: " "))` in \(service)")
            case .waitForLog(let service, let text):
                let result = try await runner.run(migrationCommands.waitForLog(service, text: text, timeout: Int(options.timeout)), timeout: options.timeout + 30)
                guard result.succeeded else { throw BerthError.failed("\(service) did not log \"\(text)\" within \(Int(options.timeout)) s") }
            default: continue
            }
        }
    }

    /// Retired services go now that the new release runs healthy; their folders wait for the next good backup.
    private func afterGate(_ module: StackModule, steps: [MigrationStep]) async throws {
        let retired = steps.compactMap { if case .retire(let service, let scratch) = $0 { (service, module.context.scratchPath(module.id, scratch)) } else { nil } }
        guard !retired.isEmpty else { return }
        try await runner.check(migrationCommands.removeRetired(retired.map(\.0), project: stack.context.name), timeout: 120, what: "removing retired services")
        let folders = retired.map(\.1)
        try await runner.check(migrationCommands.retire(folders), timeout: 60, what: "recording retired folders")
        progress.note("migrate", "kept until the next good backup: " + folders.joined(separator: ", "))
    }

    /// The services of `modules` in this stack: what stops before their migrations are taken back.
    func services(of modules: [String]) -> [String] {
        stack.modules.filter { modules.contains($0.id) }.flatMap { $0.fragment.services.map(\.name) }
    }

    /// Takes back what `undo` records, last first, with `services` stopped.
    func undoMigrations(_ undo: [MigrationUndo], services: [String], report: inout DeployReport, prefix: String) async throws {
        guard !undo.isEmpty else { return }
        try await step(prefix + "undo migrations", &report) {
            if !services.isEmpty { _ = try await runner.run(migrationCommands.stop(services), timeout: 300) }
            for item in undo.reversed() {
                let result = try await runner.run(item.command(remote), timeout: 6 * 3600)
                guard result.succeeded else { throw BerthError.failed("undoing a migration step (\(item.summary)): exit \(result.status)\(CheckRunner.firstLine(result.stderr))") }
                progress.note("undo", item.summary)
            }
        }
    }
}

extension String {
    /// The string without `suffix` at its end, once.
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
