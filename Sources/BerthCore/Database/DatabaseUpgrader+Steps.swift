import Foundation
import ServicePlugin

extension DatabaseUpgrader {
    /// What the check reads on the server, unjudged: the folder, the cluster and the target image.
    func facts(_ plan: DatabaseUpgrade) async throws -> DatabaseUpgrade.Facts {
        DatabaseUpgrade.Facts(try await runner.check(plan.check(), timeout: 900, what: "reading \(plan.database.folder) on \(remote.name)").stdout)
    }

    /// The facts, or the refusal they call for (exit 2, nothing changed).
    func validate(_ facts: DatabaseUpgrade.Facts, _ plan: DatabaseUpgrade) throws -> DatabaseUpgrade.Facts {
        let folder = plan.database.folder, to = plan.to
        guard let major = facts.major else { throw BerthError.usage("\(folder) holds no PostgreSQL cluster (no PG_VERSION): nothing to upgrade") }
        guard to > major else {
            throw BerthError.usage(
                to == major ? "\(plan.database.service) already runs PostgreSQL \(major)" : "--to \(to) is older than the cluster's PostgreSQL \(major): a cluster cannot be moved down a major")
        }
        guard let binary = facts.binary else { throw BerthError.usage("\(plan.target) cannot be had: the registry has no such image (nothing was changed)") }
        guard facts.binaryMajor == to else { throw BerthError.usage("\(plan.target) runs \(binary), not PostgreSQL \(to): its tag names a major its binary is not") }
        if facts.kept.contains(plan.kept(major)) {
            throw BerthError.usage("\(plan.kept(major)) is in the way: an earlier upgrade kept it there; remove it or move it away first")
        }
        guard let size = facts.size else { throw BerthError.failed("\(plan.database.service) is not running: start it (berth deploy) before upgrading it") }
        // The new cluster is about as large as the old one, and the dump is never larger than the data.
        let needed = 2 * size + keepFree
        if let available = facts.available, available < needed {
            throw BerthError.usage(
                "too little disk beside \(folder): the new cluster and the dump need about \(Self.size(2 * size)), and \(Self.size(keepFree)) must stay free "
                    + "(--keep-free), but \(Self.size(available)) is free")
        }
        progress.note("check", "PostgreSQL \(major) -> \(binary), \(Self.size(size)) of data, \(facts.available.map(Self.size) ?? "?") free")
        return facts
    }

    /// `<db>.<schema>.<table>` → exact row count, in the old server (nil) or the helper.
    func counts(_ plan: DatabaseUpgrade, in container: String?) async throws -> [String: Int] {
        let result = try await runner.run(plan.counts(in: container), timeout: 3600)
        guard result.succeeded else { throw failure("counting rows in \(container ?? plan.database.service)", result) }
        var counts: [String: Int] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let count = Int(parts[1]) { counts[String(parts[0])] = count }
        }
        return counts
    }

    /// The copy into the new major; returns each dump written, as `db size` pairs.
    func copy(_ plan: DatabaseUpgrade) async throws -> [String: Int64] {
        let result = try await runner.run(plan.copy(), timeout: 6 * 3600)
        guard result.succeeded else { throw failure("copying into PostgreSQL \(plan.to)", result) }
        var dumps: [String: Int64] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 3, parts[0] == "dumped", let size = Int64(parts[2]) { dumps[String(parts[1])] = size }
        }
        return dumps
    }

    /// The new server holds every table with exactly the rows the old one had.
    func verify(_ plan: DatabaseUpgrade, before: [String: Int]) async throws {
        let after = try await counts(plan, in: plan.helper)
        let differing = Set(before.keys).union(after.keys).sorted().filter { before[$0] != after[$0] }
        guard differing.isEmpty else {
            let shown = differing.prefix(5).map { "\($0): \(before[$0].map(String.init) ?? "missing") before, \(after[$0].map(String.init) ?? "missing") after" }
            throw BerthError.failed("the copy differs in \(differing.count) tables (\(shown.joined(separator: "; ")))")
        }
        progress.note("verify", "\(after.count) tables, \(after.values.reduce(0, +)) rows, the same in both")
    }

    /// The deploy that starts the module on the new pin, without a rollback of its own: the previous release's
    /// PostgreSQL would refuse the new folder, so the caller returns to the kept one instead.
    func start(report: inout DatabaseUpgradeReport, plan: DatabaseUpgrade) async throws {
        var options = deploy
        options.noRollback = true
        options.message = "berth db upgrade \(plan.database.module) --to \(plan.to)"
        let deployed = try await report.phase("start", progress) {
            try await Deployer(stack: try stack(pinning: plan.database, to: plan.target.tag), runner: runner, options: options, progress: progress).deploy()
        }
        report.release = deployed.release
    }

    /// Stops the module, puts the kept folder of `to` back (the one of `from` moves aside), pins it and deploys.
    func returnToKept(_ plan: DatabaseUpgrade, from: Int, to: Int, services: [String], report: inout DatabaseUpgradeReport) async throws {
        let aside = plan.database.folder + ".pg\(from).returned-" + DeployStamp.now().releaseID
        let tag = DatabaseUpgrade.tag(plan.database.image.tag, major: to)
        try await lock.holding("berth db upgrade --rollback \(plan.database.module)", wait: deploy.lockWait) { _ in
            try await report.phase("stop", progress) { try await run(plan.compose("stop", services), "stopping \(services.joined(separator: ", "))") }
            try await report.phase("return", progress) { try await run(plan.returning(to: to, aside: aside), "returning to \(plan.kept(to))") }
            try await report.phase("pin", progress) { try pin(plan.database, tag: tag) }
        }
        report.aside = aside
        var options = deploy
        options.force = true
        options.message = "berth db upgrade --rollback \(plan.database.module)"
        let deployed = try await report.phase("start", progress) {
            try await Deployer(stack: try stack(pinning: plan.database, to: tag), runner: runner, options: options, progress: progress).deploy()
        }
        report.release = deployed.release
    }

    /// What a script's exit code means, with the first line it wrote to standard error.
    func failure(_ what: String, _ result: CommandResult) -> BerthError {
        .failed("\(what): \(DatabaseUpgrade.failures[result.status] ?? "exit \(result.status)")\(CheckRunner.firstLine(result.stderr))")
    }

    /// `1.5 GiB`.
    static func size(_ bytes: Int64) -> String { [BackupStep].size(bytes) }
}
