import Foundation
import Testing

/// Berth killed between a write's staged file and its rename (`env init`, `update apply`) or while the server writes
/// one (`env set`): every file is byte-identical to before or fully new (never partial, no staged copy left), and the
/// same command again finishes the write.
@Suite(.serialized, .tags(.testbed, .alone), .needsTestbed) struct WriteFaultTests {
    /// Every `.env` of a tree, with its bytes' checksum.
    static func envFiles(_ tree: String) throws -> String {
        try Run.shell("cd \(tree) && find . -name .env | sort | xargs sha256sum").stdout
    }

    /// Every file beside `folder`'s files that a write may leave: staged copies, named `.NAME.berth-*` or `NAME.berth-new`.
    static func staged(_ folder: String) throws -> String {
        try Run.shell("find \(folder) -name '*.berth-*' | sort").stdout
    }

    @Test func aKilledEnvInitLeavesEveryEnvAsItWasAndTheSameCommandFinishesIt() throws {
        let bed = try FaultBed.shared.get()
        let deployed = try FaultInvariants.Data.read(bed)
        let tree = Scratch.directory("envinit-fault")
        #expect(try bed.berth(["render", "--env", "testbed", "--out", tree]).status == 0)
        #expect(try bed.berth(["env", "init", "--env", "testbed", "--dir", tree]).status == 0)
        // One generated key taken out of shop's .env: the next env init writes it again.
        let path = tree + "/shop/.env"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("DB_PASSWORD=") || $0.hasPrefix("POSTGRES_PASSWORD=") }, "\(text)")
        try text.replacingOccurrences(of: line + "\n", with: "").write(toFile: path, atomically: true, encoding: .utf8)
        _ = try Run.shell("chmod 600 \(path)")
        let before = try Self.envFiles(tree)
        let arguments = ["env", "init", "--env", "testbed", "--dir", tree]
        let paused = try PausedBerth(arguments, in: bed.project, at: "step:commit")
        #expect(paused.reached(), "env init never reached its commit: \(paused.output)")
        paused.kill()
        #expect(try Self.envFiles(tree) == before, "a killed env init changed a .env")
        let again = try bed.berth(arguments)
        #expect(again.status == 0 && again.stdout.contains("shop/.env: updated"), "\(again.output)")
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(after.contains(line.split(separator: "=")[0] + "="), "\(after)")
        let leftTree = try Self.staged(tree)
        #expect(leftTree.isEmpty, "a staged copy was left: \(leftTree)")
        for output in [paused.output, again.output] { #expect(!output.contains(String(line.split(separator: "=", maxSplits: 1).last ?? "never"))) }
        // The deployed stack beside it: untouched, as every fault leaves it.
        try FaultInvariants.check(bed, fault: "SIGKILL of berth during env init", before: deployed, outputs: [paused.output, again.output])
    }

    /// `env set` writes the server's `.env` beside itself and renames it in; Berth killed while that runs leaves the
    /// file as it was or fully new, and the same command again (the value on standard input) sets it.
    @Test func aKilledEnvSetLeavesTheEnvWholeAndTheSameCommandSetsIt() throws {
        let bed = try FaultBed.shared.get()
        let path = bed.services + "/web/.env"
        let old = try String(contentsOfFile: path, encoding: .utf8)
        let value = "fault-token-" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let wanted = old.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("WEB_TOKEN=") ? "WEB_TOKEN=\(value)" : String($0) }.joined(separator: "\n")
        try bed.survives(
            "SIGKILL of berth during env set", ["env", "set", "testbed", "web", "WEB_TOKEN"], at: "run:berth-new", input: value,
            expect: { (data: inout FaultInvariants.Data) throws in
                #expect(try String(contentsOfFile: path, encoding: .utf8) == wanted, "web/.env is not the old file with the one line set")
                let left = try Self.staged(bed.services)
                #expect(left.isEmpty, "a staged copy was left: \(left)")
                #expect(try Run.shell("stat -c %a \(path)").stdout.hasPrefix("600"))
                data.envFiles = try FaultInvariants.Data.read(bed).envFiles
            }
        ) { (paused: PausedBerth) throws in
            paused.kill()
            let now = try String(contentsOfFile: path, encoding: .utf8)
            #expect(now == old || now == wanted, "a killed env set left web/.env neither old nor new")
        }
    }

    /// `update apply` stages `berth.lock` and renames it in: killed between the two, the lock is byte-identical, and
    /// the same command again pins the new version.
    @Test func aKilledUpdateApplyLeavesTheLockAsItWasAndTheSameCommandPins() throws {
        let registry = try TestRegistry()
        defer { registry.stop() }
        let root = try UpdateCommandTests.plankaProject(registry, tags: ["1.23.5", "1.24.0"], name: "update-apply-fault")
        let pinned = UpdateCommandTests.plankaPinned
        let arguments = ["update", "apply", "--env", "test", "planka"]
        let paused = try PausedBerth(arguments, in: root, at: "step:commit")
        #expect(paused.reached(), "update apply never reached its commit: \(paused.output)")
        paused.kill()
        #expect(try String(contentsOfFile: root + "/berth.lock", encoding: .utf8) == pinned, "a killed update apply changed berth.lock")
        let again = try Run.berth(arguments, in: root)
        #expect(again.status == 0 && again.stdout.contains("planka/app: 1.23.5 -> 1.24.0"), "\(again.output)")
        #expect(try String(contentsOfFile: root + "/berth.lock", encoding: .utf8).contains("app: \"1.24.0\""))
        let left = try Self.staged(root)
        #expect(left.isEmpty, "a staged copy was left: \(left)")
    }
}
