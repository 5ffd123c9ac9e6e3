import Foundation

/// What `berth db upgrade` (or its `--rollback`) did: each phase with its time, the rows it compared, and how long
/// the module was unavailable.
public struct DatabaseUpgradeReport: Codable, Sendable {
    public var module: String
    public var service: String
    /// The serving major before, and the one after (for a rollback, the kept one).
    public var from: Int?
    public var to: Int
    public var image: String
    public var ok = false
    public var phases: [DeployReport.Step] = []
    public var tables: Int?
    public var rows: Int?
    /// Each database's dump in the new major's folder of dumps, with its size in bytes.
    public var dumps: [String: Int64] = [:]
    /// The old cluster's folder after an upgrade; the one moved aside by a rollback.
    public var kept: String?
    public var aside: String?
    public var release: String?
    /// From stopping the module's apps to the deploy that started them again passing its gate.
    public var unavailableSeconds: Double?
    public var totalSeconds: Double?
    public var error: String?

    public init(module: String, service: String, to: Int, image: String) {
        self.module = module
        self.service = service
        self.to = to
        self.image = image
    }

    /// Runs one phase, timing it and telling `progress`; a failed phase is recorded before its error goes on.
    @discardableResult
    mutating func phase<T>(_ name: String, _ progress: any ProgressReporter, _ body: () async throws -> T) async throws -> T {
        progress.started(name)
        let start = Date()
        do {
            let value = try await body()
            let seconds = Date().timeIntervalSince(start)
            phases.append(DeployReport.Step(name: name, ok: true, seconds: seconds, note: nil))
            progress.finished(name, seconds: seconds, ok: true, note: nil)
            return value
        } catch {
            let seconds = Date().timeIntervalSince(start)
            phases.append(DeployReport.Step(name: name, ok: false, seconds: seconds, note: "\(error)"))
            progress.finished(name, seconds: seconds, ok: false, note: nil)
            throw error
        }
    }

    /// The phases as a table, then the totals.
    public var text: String {
        var lines = TextTable.lines(phases.map { [$0.name, $0.ok ? "ok" : "FAILED", String(format: "%.1f s", $0.seconds)] }, minimum: [8, 6, 8])
        if let rows, let tables { lines.append("rows: \(rows) in \(tables) tables, the same before and after") }
        if let kept { lines.append("kept: \(kept) (berth db upgrade --rollback \(module) returns to it)") }
        if let aside { lines.append("moved aside: \(aside)") }
        if let unavailableSeconds { lines.append(String(format: "%@ was unavailable for %.1f s", module, unavailableSeconds)) }
        if let totalSeconds { lines.append(String(format: "total: %.1f s", totalSeconds)) }
        return lines.joined(separator: "\n")
    }
}
