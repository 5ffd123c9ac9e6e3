import Foundation
import ServicePlugin

/// `berth db upgrade`: a module's PostgreSQL moved to a newer major, verified, with the old cluster kept for `--rollback`.
///
/// The steps, in ``upgrade(module:database:to:)``: check (nothing changes when it refuses); then, under the deploy
/// lock, stop the module's apps, count every table, copy into the new major beside the old folder, count again and
/// compare, swap the folders, pin the new major in `berth.lock`; then a deploy starts the module and runs its checks.
/// A failure before the swap leaves the old major serving; a deploy that fails after it returns to the kept folder.
public struct DatabaseUpgrader: Sendable {
    public let stack: Stack
    public let runner: any CommandRunner
    public let progress: any ProgressReporter
    /// The deploy that starts the module on the new major: its timeout, lock wait and resolved secrets.
    public var deploy: DeployOptions
    /// Bytes to leave free on the data folder's filesystem after the copy and the dump.
    public var keepFree: Int64 = 256 << 20
    /// Fault points to act at (`BERTH_FAULT`, comma-separated), for the fault-injection tests.
    public var faults: Set<String> = []

    public init(stack: Stack, runner: any CommandRunner, progress: any ProgressReporter = SilentProgress(), deploy: DeployOptions = DeployOptions()) {
        self.stack = stack
        self.runner = runner
        self.progress = progress
        self.deploy = deploy
    }

    /// The majors Berth knows how to move between (PostgreSQL 10 and later name a major with one number).
    public static let knownMajors = 10...18

    var remote: Remote { Remote(stack.environment) }
    var lock: DeployLock { DeployLock(remote: remote, runner: runner) }

    /// Moves `module`'s database (the one named `database`, when it has several) to PostgreSQL `major`.
    public func upgrade(module moduleID: String, database name: String?, to major: Int) async throws -> DatabaseUpgradeReport {
        let (module, database) = try select(moduleID, name)
        guard Self.knownMajors.contains(major) else {
            throw BerthError.usage("--to \(major): not a PostgreSQL major Berth knows (\(Self.knownMajors.lowerBound) to \(Self.knownMajors.upperBound))")
        }
        let plan = DatabaseUpgrade(database: database, to: major, project: stack.context.name, dumpsDir: stack.context.dumpsDir, remote: remote)
        var report = DatabaseUpgradeReport(module: moduleID, service: database.service, to: major, image: plan.target.description)
        let clock = Date()
        var stopped: Date?
        try await lock.holding("berth db upgrade \(moduleID) --to \(major)", wait: deploy.lockWait) { _ in
            // One read of the server: a run killed between the swap and the pin left the new cluster in place, and
            // the same command finishes it; anything else is checked for a fresh upgrade.
            let (facts, swapped) = try await report.phase("check", progress) { () async throws -> (DatabaseUpgrade.Facts, Int?) in
                let read = try await self.facts(plan)
                if let from = swappedEarlier(read, plan, database) { return (read, from) }
                return (try validate(read, plan), nil)
            }
            if let from = swapped {
                report.from = from
                report.kept = plan.kept(from)
                progress.note("check", "the folders were swapped by an upgrade cut short: PostgreSQL \(from) is kept at \(plan.kept(from)); pinning and starting \(major)")
                try await report.phase("pin", progress) { try pin(database, tag: plan.target.tag) }
                return
            }
            report.from = facts.major
            let from = facts.major!
            let apps = DumpRestorer.appServices(of: module)
            do {
                stopped = Date()
                try await report.phase("stop", progress) { try await run(plan.compose("stop", apps), "stopping \(apps.joined(separator: ", "))") }
                let before = try await report.phase("count", progress) { try await counts(plan, in: nil) }
                report.dumps = try await report.phase("copy", progress) { try await copy(plan) }
                try await report.phase("verify", progress) { try await verify(plan, before: before) }
                report.tables = before.count
                report.rows = before.values.reduce(0, +)
                if faults.contains("db-upgrade.before-swap") { _ = try? await runner.run(plan.killHelper(), timeout: 60) }
                try await report.phase("swap", progress) { try await run(plan.swap(from: from), "swapping the data folders", timeout: 600) }
            } catch {
                // Before the swap the old server never stopped: the new folder goes, the apps come back.
                _ = try? await runner.run(plan.discard(), timeout: 300)
                _ = try? await runner.run(plan.compose("start", apps), timeout: 300)
                report.error = "\(error)"
                throw UpgradeFailure(report: report, message: "\(error); the old folder and PostgreSQL \(from) serve as before")
            }
            report.kept = plan.kept(from)
            try await report.phase("pin", progress) { try pin(database, tag: plan.target.tag) }
        }
        do {
            try await start(report: &report, plan: plan)
        } catch {
            report.error = "\(error)"
            do {
                try await returnToKept(plan, from: major, to: report.from!, services: module.fragment.services.map(\.name), report: &report)
            } catch let undoError {
                throw UpgradeFailure(report: report, message: "\(error); returning to PostgreSQL \(report.from!) failed too: \(undoError)")
            }
            throw UpgradeFailure(report: report, message: "\(error); returned to PostgreSQL \(report.from!) on the kept folder")
        }
        report.unavailableSeconds = stopped.map { Date().timeIntervalSince($0) }
        report.totalSeconds = Date().timeIntervalSince(clock)
        report.ok = true
        return report
    }

    /// The module and its one database (or the one named); usage errors name what there is.
    func select(_ moduleID: String, _ name: String?) throws -> (StackModule, DatabaseMajors.Database) {
        try stack.requireContainers("berth db upgrade", instead: "a Swarm database is upgraded on its node: dump it, start the new major on a new folder, restore")
        guard let module = try stack.selectModules([moduleID]).first else { throw BerthError.usage("missing the module: berth db upgrade MODULE --to MAJOR") }
        let databases = DatabaseMajors.databases(stack).filter { $0.module == moduleID }
        guard !databases.isEmpty else { throw BerthError.usage("\(moduleID) has no PostgreSQL database to upgrade") }
        let names = databases.map(\.service)
        let chosen: DatabaseMajors.Database
        if let name {
            let matches = { (database: DatabaseMajors.Database) in
                database.service == name || module.backup.dumps.contains { $0.service == database.service && $0.database == name }
            }
            guard let found = databases.first(where: matches) else {
                throw BerthError.usage("--database \(name): \(moduleID) has no such database (it has \(names.joined(separator: ", ")))")
            }
            chosen = found
        } else {
            guard databases.count == 1 else { throw BerthError.usage("\(moduleID) has \(databases.count) databases: name one with --database (\(names.joined(separator: ", ")))") }
            chosen = databases[0]
        }
        if stack.renderedImages([module]).first(where: { $0.ref == chosen.image })?.source == .config {
            throw BerthError.usage(
                "\(stack.config.file): \(stack.config.memberPath(moduleID)) pins \(chosen.imageName) to \(chosen.image.tag), and berth.yaml wins over berth.lock: "
                    + "move that pin into berth.lock (`pins: { \(moduleID): { \(chosen.imageName): \"\(chosen.image.tag)\" } }`) so that the upgrade can change it")
        }
        return (module, chosen)
    }

    func run(_ command: ShellCommand, _ what: String, timeout: Double = 300) async throws {
        let result = try await runner.run(command, timeout: timeout)
        guard result.succeeded else { throw failure(what, result) }
    }

    /// The major `berth.lock` still pins, when an upgrade to `plan.to` stopped between its swap and its pin: the folder
    /// holds the new major, and the pinned major's cluster is kept beside it.
    func swappedEarlier(_ facts: DatabaseUpgrade.Facts, _ plan: DatabaseUpgrade, _ database: DatabaseMajors.Database) -> Int? {
        guard let pinned = DatabaseMajors.major(of: database.image.tag), pinned < plan.to else { return nil }
        return facts.major == plan.to && facts.kept.contains(plan.kept(pinned)) ? pinned : nil
    }

    /// Writes the database's tag into `berth.lock`, atomically.
    func pin(_ database: DatabaseMajors.Database, tag: String) throws {
        var pins = stack.config.lock
        pins.pins[database.module, default: [:]][database.imageName] = tag
        try pins.write(to: stack.config.lockPath)
    }

    /// This stack with `database` pinned to `tag`, as the deploy after the swap renders it.
    func stack(pinning database: DatabaseMajors.Database, to tag: String) throws -> Stack {
        var config = stack.config
        config.lock.pins[database.module, default: [:]][database.imageName] = tag
        return try StackBuilder().build(config, environment: stack.environment.name)
    }
}
