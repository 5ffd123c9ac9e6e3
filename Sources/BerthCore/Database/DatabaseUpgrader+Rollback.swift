import Foundation
import ServicePlugin

extension DatabaseUpgrader {
    /// `berth db upgrade --rollback MODULE`: back to the newest folder an upgrade kept below the serving major.
    ///
    /// What was written since the upgrade stays in the folder moved aside (`<folder>.pg<N>.returned-<id>`), never deleted.
    public func rollback(module moduleID: String, database name: String?) async throws -> DatabaseUpgradeReport {
        let (module, database) = try select(moduleID, name)
        let probe = DatabaseUpgrade(database: database, to: 0, project: stack.context.name, dumpsDir: stack.context.dumpsDir, remote: remote)
        let facts = try await facts(probe)
        guard let serving = facts.major else { throw BerthError.usage("\(database.folder) holds no PostgreSQL cluster (no PG_VERSION)") }
        let prefix = database.folder + ".pg"
        let keptMajors = facts.kept.compactMap { path -> Int? in
            guard path.hasPrefix(prefix), let major = Int(path.dropFirst(prefix.count)) else { return nil }
            return major < serving ? major : nil
        }
        guard let back = keptMajors.max() else {
            throw BerthError.usage("no folder an upgrade kept below PostgreSQL \(serving) beside \(database.folder) (looked for \(prefix)<major>)")
        }
        let clock = Date()
        let plan = DatabaseUpgrade(database: database, to: serving, project: stack.context.name, dumpsDir: stack.context.dumpsDir, remote: remote)
        var report = DatabaseUpgradeReport(module: moduleID, service: database.service, to: back, image: DatabaseUpgrade.tag(database.image.tag, major: back))
        report.from = serving
        do {
            try await returnToKept(plan, from: serving, to: back, services: module.fragment.services.map(\.name), report: &report)
        } catch {
            report.error = "\(error)"
            throw UpgradeFailure(report: report, message: "\(error)")
        }
        report.totalSeconds = Date().timeIntervalSince(clock)
        report.unavailableSeconds = report.phases.filter { ["stop", "return", "pin", "start"].contains($0.name) }.map(\.seconds).reduce(0, +)
        report.ok = true
        return report
    }
}
