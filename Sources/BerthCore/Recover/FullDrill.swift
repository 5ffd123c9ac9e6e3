import Foundation
import ServicePlugin

/// `berth backup verify --full`: the latest snapshot recovered into a scratch environment on the same server, held to
/// its record, then removed; production is never touched.
///
/// The scratch environment is another folder (under the engine's restore folder), another compose project
/// (`<name>-drill`) and no published port. It leaves out the backup engine (it would write to the repository) and any
/// module but the proxy that reaches other containers through the Docker socket (Watchtower would update production's).
public struct FullDrill: Sendable {
    public let backup: BackupRunner
    public var healthTimeout: Double = 600

    public init(backup: BackupRunner) { self.backup = backup }

    /// The drill's steps; a failure ends it, and the scratch environment is removed either way.
    public func run() async throws -> [BackupStep] {
        let stack = backup.stack
        try stack.requireContainers("berth backup verify --full", instead: "run the drill against a one-server copy")
        let (engineModule, engine) = try backup.engine()
        guard let folder = engine.restoreFolder else { throw BerthError.usage("\(engineModule.id) cannot restore a snapshot") }
        let drill = try Self.scratchStack(stack, under: folder, engine: engineModule.id)
        var recoverer = Recoverer(stack: drill, runner: backup.runner, secrets: [], progress: backup.progress)
        recoverer.healthTimeout = healthTimeout
        let rebuild = StackRebuild(remote: Remote(drill.environment), stack: drill)
        let sources = [stack.context.dataRoot, stack.context.servicesDir, stack.context.dumpsDir]
        let clear = Self.clear(drill, sources: sources.map { folder + $0 }, remote: backup.remote)
        try await backup.runner.check(clear, timeout: 600, what: "clearing an earlier drill")
        var snapshot: EngineSnapshot?
        let parts: [(String, () async throws -> String)] = [
            (
                "restore",
                {
                    let listed = try await backup.runner.check(backup.exec(engine.service, engine.listCommand), timeout: 300, what: "listing the snapshots")
                    guard let latest = try engine.snapshots(from: listed.stdout).last else { throw BerthError.failed("the repository holds no snapshot") }
                    snapshot = latest
                    for source in sources {
                        guard let argv = engine.restoreCommand(snapshot: latest, listing: [latest], path: source) else {
                            throw BerthError.usage("\(engineModule.id) cannot restore \(source)")
                        }
                        try await backup.runner.check(backup.exec(engine.service, argv), timeout: backup.stepTimeout, what: "restoring \(source)")
                    }
                    return "snapshot \(latest.id) into \(folder)"
                }
            ),
            // The files are compared before anything starts and writes to them.
            ("files", { try await compareFiles(drill) }),
            ("tree", { try await writeTree(drill) }),
            (
                "databases",
                {
                    try await recoverer.databases(rebuild)
                    return "\(drill.modules.flatMap(\.backup.dumps).count) databases restored from their dumps"
                }
            ),
            ("rows", { try await compareRows(drill) }),
            (
                "start",
                {
                    try await recoverer.start(rebuild)
                    return "project \(drill.context.name) passed the health gate"
                }
            ),
            (
                "checks",
                {
                    try await recoverer.check(drill)
                    return "every check passed"
                }
            ),
        ]
        var steps: [BackupStep] = []
        for (name, body) in parts {
            steps.append(await backup.timed(.verify, module: "drill", name: name) { (true, nil, try await body()) })
            if !steps.last!.ok { break }
        }
        let passed = steps.count == parts.count && steps.allSatisfy(\.ok)
        _ = try? await backup.runner.run(clear, timeout: 600)
        if passed, let snapshot {
            let seconds = Double(steps.map(\.durationMs).reduce(0, +)) / 1000
            var record = DrillRecord(time: Date(), drilled: ["full recovery of snapshot \(snapshot.id)"])
            record.recoverySeconds = seconds
            try await record.write(backup.remote, runner: backup.runner)
        }
        return steps
    }

    /// The drill's compose project stopped and removed with its volumes, and its folders deleted.
    static func clear(_ drill: Stack, sources: [String], remote: Remote) -> ShellCommand {
        remote.script(
            #"project=$1; shift; docker ps -aq --filter "label=com.docker.compose.project=$project" | xargs -r docker rm -f >/dev/null; docker network ls -q --filter "label=com.docker.compose.project=$project" | xargs -r docker network rm >/dev/null 2>&1; for f in "$@"; do rm -rf "$f"; done; true"#,
            [drill.context.name] + sources + [drill.context.scratchRoot])
    }
}
