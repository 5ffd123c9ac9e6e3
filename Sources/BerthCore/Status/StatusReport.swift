import Foundation
import ServicePlugin

/// `berth status`: one look at a deployed environment: checks, backups, releases and pending updates.
///
/// Each part is gathered on its own; a part that cannot be read carries its error and the others still show.
public struct StatusReport: Encodable, Sendable {
    /// The newest dump of each database, the newest snapshot and the last restore drill that passed.
    public struct Backups: Encodable, Sendable {
        public var dumps: [BackupCatalog.Dump] = []
        public var newestSnapshot: EngineSnapshot?
        public var snapshots = 0
        public var lastDrill: DrillRecord?
        public var error: String?
        public var drillError: String?

        public init(dumps: [BackupCatalog.Dump] = [], newestSnapshot: EngineSnapshot? = nil, snapshots: Int = 0, lastDrill: DrillRecord? = nil, error: String? = nil, drillError: String? = nil) {
            self.dumps = dumps
            self.newestSnapshot = newestSnapshot
            self.snapshots = snapshots
            self.lastDrill = lastDrill
            self.error = error
            self.drillError = drillError
        }
    }

    public var project: String
    public var environment: String
    public var target: String
    public var generated: Date
    public var modules: [String]
    public var checks: [CheckResult]
    public var checksError: String?
    /// Nil when the environment backs nothing up.
    public var backups: Backups?
    public var releases: ReleaseHistory?
    public var releasesError: String?
    public var updates: UpdateReport?
    public var updatesError: String?

    public init(
        project: String, environment: String, target: String, generated: Date, modules: [String], checks: [CheckResult] = [], checksError: String? = nil,
        backups: Backups? = nil, releases: ReleaseHistory? = nil, releasesError: String? = nil, updates: UpdateReport? = nil, updatesError: String? = nil
    ) {
        self.project = project
        self.environment = environment
        self.target = target
        self.generated = generated
        self.modules = modules
        self.checks = checks
        self.checksError = checksError
        self.backups = backups
        self.releases = releases
        self.releasesError = releasesError
        self.updates = updates
        self.updatesError = updatesError
    }

    /// Gathers the four parts at once: the checks as `berth check` runs them, `backup list`, `releases` and `update check`.
    public static func gather(_ stack: Stack, runner: any CommandRunner, checks options: CheckOptions, registry: RegistryClient.Options) async -> StatusReport {
        async let checks = Self.attempt { try await CheckRunner(stack: stack, runner: runner, options: options).run() }
        async let backups = Self.backups(stack, runner: runner)
        async let releases = Self.attempt { try await ReleaseHistory.read(stack, runner: runner) }
        async let updates = Self.attempt { try await UpdateChecker.report(stack, options: registry, runner: runner) }
        let (checked, history, updated) = await (checks, releases, updates)
        return StatusReport(
            project: stack.context.name, environment: stack.environment.name, target: stack.environment.target.description, generated: Date(),
            modules: stack.modules.map(\.id), checks: checked.value ?? [], checksError: checked.error, backups: await backups, releases: history.value,
            releasesError: history.error, updates: updated.value, updatesError: updated.error)
    }

    static func backups(_ stack: Stack, runner: any CommandRunner) async -> Backups? {
        guard stack.backupTool != nil else { return nil }
        let backup = BackupRunner(stack: stack, runner: runner)
        async let catalog = attempt { try await BackupCatalog.read(backup) }
        async let drill = attempt { try await DrillRecord.read(backup.remote, runner: runner) }
        let (listed, drilled) = await (catalog, drill)
        return Backups(
            dumps: listed.value?.dumps ?? [], newestSnapshot: listed.value?.snapshots.max { $0.time < $1.time }, snapshots: listed.value?.snapshots.count ?? 0,
            lastDrill: drilled.value ?? nil, error: listed.error, drillError: drilled.error)
    }

    /// A part's value, or the message of why it could not be read.
    static func attempt<T: Sendable>(_ body: @Sendable () async throws -> T) async -> (value: T?, error: String?) {
        do { return (try await body(), nil) } catch { return (nil, "\(error)") }
    }

    /// `3 min`, `5 h`, `2 d`: how long ago `date` was, from `generated`.
    public func age(_ date: Date) -> String {
        let seconds = max(0, Int(generated.timeIntervalSince(date)))
        switch seconds {
        case ..<120: return "\(seconds) s"
        case ..<7200: return "\(seconds / 60) min"
        case ..<172_800: return "\(seconds / 3600) h"
        default: return "\(seconds / 86400) d"
        }
    }

    /// Checks by status: how many failed, warned and passed.
    public var checkCounts: (fail: Int, warn: Int, ok: Int) {
        (checks.filter { $0.status == .fail }.count, checks.filter { $0.status == .warn }.count, checks.filter { $0.status == .ok }.count)
    }
}
