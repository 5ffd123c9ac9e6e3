import Foundation
import ServicePlugin

/// `berth recover`: rebuilds an environment on an empty server from a snapshot, in seven timed steps.
///
/// Every step leaves the target as it found it when it fails, and the target records the last step done
/// (``RecoveryState``), so that running the command again resumes there.
public struct Recoverer: Sendable {
    public let stack: Stack
    public let runner: any CommandRunner
    /// This machine's `secrets:` values: the engine's repository password and keys come from them, never from the target.
    public let secrets: [ResolvedSecret]
    public let progress: any ProgressReporter
    /// Seconds the stack may take to pass the health gate.
    public var healthTimeout: Double = 600
    /// Seconds one restore or dump may take.
    public var stepTimeout: Double = 6 * 3600
    let remote: Remote

    public init(stack: Stack, runner: any CommandRunner, secrets: [ResolvedSecret], progress: any ProgressReporter = SilentProgress()) {
        self.stack = stack
        self.runner = runner
        self.secrets = secrets
        self.progress = progress
        remote = Remote(stack.environment)
    }

    /// The steps, in order; `snapshot` is an id (or its prefix), nil for the latest.
    public func run(snapshot wanted: String?, report: inout RecoveryReport) async throws {
        let parts = try engineParts()
        let commands = RecoveryCommands(remote: remote, stack: stack, service: parts.service, engine: parts.engine)
        let environment = try engineEnvironment(parts.service, module: parts.module.id)
        let found = try await survey(commands, wanted: wanted)
        try await holdingLock {
            let (snapshot, record) = try await step(1, "read the snapshot", &report) {
                try await read(commands, environment: environment, wanted: wanted ?? found?.snapshot)
            }
            report.snapshot = snapshot.id
            report.recoveredRelease = record.release.id
            report.resumedAfter = found?.done
            var state = found ?? RecoveryState(snapshot: snapshot.id, release: record.release.id, done: 1)
            let done = state.done
            if done < 2 {
                try await step(2, "restore the data folders, the deploy tree and the .env files", &report) {
                    try await restore(commands, snapshot: snapshot, environment: environment, state: &state)
                }
            }
            let rebuild = StackRebuild(remote: remote, stack: stack)
            if done < 3 {
                try await step(3, "pull the recorded images", &report) {
                    try await runner.check(rebuild.pull(record.release.images), timeout: 3600, what: "pulling the recorded images on \(remote.name)")
                    try await advance(commands, &state, to: 3)
                }
            }
            if done < 4 {
                try await step(4, "start the databases and restore their dumps", &report) {
                    try await databases(rebuild)
                    try await advance(commands, &state, to: 4)
                }
            }
            if done < 5 {
                try await step(5, "start the stack and pass the health gate", &report) {
                    try await start(rebuild)
                    if let schedule = rebuild.schedule() { try await runner.check(schedule, timeout: 60, what: "scheduling the nightly backup") }
                    try await advance(commands, &state, to: 5)
                }
            }
            if done < 6 {
                try await step(6, "berth check", &report) {
                    try await check(stack)
                    try await advance(commands, &state, to: 6)
                }
            }
            report.release = try await step(7, "record the release", &report) { try await recordRelease(commands, record: record, snapshot: snapshot.id) }
        }
        report.ok = true
    }

    /// Runs step `number` of seven with progress, and records its time in the report.
    @discardableResult
    func step<T>(_ number: Int, _ name: String, _ report: inout RecoveryReport, _ body: () async throws -> T) async throws -> T {
        try await progress.step("\(number)/7 \(name)", &report, body)
    }
}
