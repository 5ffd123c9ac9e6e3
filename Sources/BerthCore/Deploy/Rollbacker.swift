import ServicePlugin

/// `berth rollback`: restores a recorded release's files and starts it, under the deploy lock.
public struct Rollbacker: Sendable {
    public struct Result: Codable, Sendable {
        public var release: String
        public var from: String?
    }

    public let stack: Stack
    public let runner: any CommandRunner
    public let progress: any ProgressReporter

    /// Fixes the lock's owner and time, for transcripts; nil takes ``DeployStamp/now()``.
    public let stamp: DeployStamp?

    public init(stack: Stack, runner: any CommandRunner, progress: any ProgressReporter = SilentProgress(), stamp: DeployStamp? = nil) {
        self.stack = stack
        self.runner = runner
        self.progress = progress
        self.stamp = stamp
    }

    public func rollback(to wanted: String?, timeout: Double, lockWait: Double) async throws -> Result {
        // The same session a deploy carries, without a preflight: the release put back was rendered and checked when it was deployed.
        let session = DeploySession(stack: stack, runner: runner, options: DeployOptions(timeout: timeout, lockWait: lockWait, message: "rollback", stamp: stamp), progress: progress)
        let store = session.store
        let current = try await store.current()
        let all = try await store.list()
        // A failed release never went live and kept no files: it is no rollback target.
        let releases = all.filter { !$0.failed }.map(\.id)
        let target: String
        if let wanted {
            if all.contains(where: { $0.id == wanted && $0.failed }) { throw BerthError.usage("release \(wanted) failed to deploy; it has no files to roll back to") }
            guard releases.contains(wanted) else { throw BerthError.usage("release \(wanted) is not recorded on \(session.remote.name) (known: \(releases.joined(separator: ", ")))") }
            target = wanted
        } else {
            guard let index = current.flatMap(releases.firstIndex(of:)), index > 0 else {
                if let current, let adopted = try await store.record(current)?.release.adoptedFrom {
                    return try await giveBack(adopted, from: current, session: session, timeout: timeout, lockWait: lockWait)
                }
                throw BerthError.failed("no release before \(current ?? "the current one") is recorded on \(session.remote.name)")
            }
            target = releases[index - 1]
        }
        guard let record = try await store.record(target) else { throw BerthError.failed("release \(target) has no record on \(session.remote.name)") }
        var report = DeployReport(environment: stack.environment.name)
        try await session.step("lock", &report) { try await session.lock.acquire(session.stamp.lockInfo("rollback to \(target)"), wait: lockWait) }
        do {
            // Each release after the target that migrated data takes its steps back, newest first.
            let later = releases.drop { $0 != target }.dropFirst().prefix { $0 != current }.map { $0 } + (current.map { [$0] } ?? [])
            let live = try await current.asyncFlatMap { try await store.record($0) }
            for id in later.reversed() {
                guard let undo = (id == current ? live : try await store.record(id))?.release.migrations, !undo.isEmpty else { continue }
                try await session.undoMigrations(undo, services: live?.summary.services.keys.sorted() ?? [], report: &report, prefix: "rollback: ")
            }
            try await session.restoreAndStart(target, services: record.summary.services.keys.sorted(), report: &report)
            try await store.markCurrent(target, releasingLock: true)
        } catch {
            try? await session.lock.release()
            throw error
        }
        return Result(release: target, from: current)
    }

    /// Past the release that took a compose project over: Berth's containers go and the project starts again from its
    /// own folder; the environment then has no live release.
    func giveBack(_ adopted: AdoptedFrom, from current: String, session: DeploySession, timeout: Double, lockWait: Double) async throws -> Result {
        var report = DeployReport(environment: stack.environment.name)
        try await session.step("lock", &report) { try await session.lock.acquire(session.stamp.lockInfo("rollback to project \(adopted.project)"), wait: lockWait) }
        do {
            try await session.step("rollback: remove", &report) { try await session.removeCreated(keeping: []) }
            try await session.step("rollback: start \(adopted.project)", &report) {
                try await runner.check(adopted.startCommand(remote: session.remote, timeout: Int(timeout)), timeout: timeout + 60, what: "starting \(adopted.project) again")
            }
            try await runner.check(session.remote.script(#"rm -f "$1/.berth/current""#, [session.remote.root]), what: "clearing the live release")
        } catch {
            try? await session.lock.release()
            throw error
        }
        try await session.lock.release()
        return Result(release: "compose project \(adopted.project)", from: current)
    }
}
