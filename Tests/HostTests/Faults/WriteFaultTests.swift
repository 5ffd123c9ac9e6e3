import Foundation
import Testing

/// Berth killed between a write's staged file and its rename: every file is byte-identical to before (never partial),
/// and the same command again finishes the write.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct WriteFaultTests {
    /// Every `.env` of a tree, with its bytes' checksum.
    static func envFiles(_ tree: String) throws -> String {
        try Run.shell("cd \(tree) && find . -name .env | sort | xargs sha256sum").stdout
    }

    @Test func aKilledEnvInitLeavesEveryEnvAsItWasAndTheSameCommandFinishesIt() throws {
        let bed = try FaultBed.shared.get()
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
        for output in [paused.output, again.output] { #expect(!output.contains(String(line.split(separator: "=", maxSplits: 1).last ?? "never"))) }
    }
}
