@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// The order of `berth db upgrade`'s commands and what each refusal and failure leaves, with answers recorded
/// instead of a server. (The real upgrade, 14 to 17 with 100,000 rows, is in HostTests/Database.)
@Suite struct DatabaseUpgraderTests {
    func stack(_ planka: String = "planka: { sso: false }") throws -> Stack {
        try FakeStacks.build("  traefik: {}\n  kopia: {}\n  \(planka)\n", target: "file:/srv/berth")
    }

    /// Answers as a server whose Planka cluster is PostgreSQL 14 (`facts`), failing the script that contains `failing`.
    func runner(facts: String, failing: String? = nil) -> RecordingRunner {
        RecordingRunner { command in
            let text = command.arguments.joined(separator: " ")
            if let failing, text.contains(failing) { return CommandResult(status: 23, stderr: "pg_restore: error: out of memory\n") }
            if text.contains("pgversion=") { return CommandResult(status: 0, stdout: facts) }
            if text.contains("ACQUIRED") { return CommandResult(status: 0, stdout: "ACQUIRED\n") }
            if text.contains("count(*)") { return CommandResult(status: 0, stdout: "planka.public.cards 100000\n") }
            return CommandResult(status: 0)
        }
    }

    static let fourteen = "pgversion=14\navail=80000000000\nsize=40000000\nbinary=postgres (PostgreSQL) 17.12\n"

    /// The steps the recorded commands took, by the words that name them.
    func steps(_ runner: RecordingRunner) -> [String] {
        runner.commands.compactMap { command in
            let text = command.arguments.joined(separator: " ")
            for (word, step) in [
                ("pgversion=", "check"), ("compose stop", "stop"), ("compose start", "start apps"), ("count(*)", "count"), ("pg_dumpall", "copy"),
                ("docker stop -t 120", "swap"), ("docker rm -f \"$helper\" >/dev/null 2>&1\nrm -rf", "discard"),
            ] where text.contains(word) { return step }
            return nil
        }
    }

    @Test func aNewTagKeepsTheShapeOfTheOld() {
        #expect(DatabaseUpgrade.tag("14-alpine", major: 17) == "17-alpine")
        #expect(DatabaseUpgrade.tag("14.5", major: 17) == "17")
        #expect(DatabaseUpgrade.tag("14", major: 18) == "18")
        #expect(DatabaseUpgrade.tag("14.1-bookworm", major: 15) == "15-bookworm")
    }

    @Test func theCheckReadsEveryFact() {
        let facts = DatabaseUpgrade.Facts("pgversion=14\nkept=/d/db.pg13\navail=123\nsize= 45\nbinary=postgres (PostgreSQL) 17.12 (Debian 17.12-0+deb13u1)\nnoise\n")
        #expect(facts.major == 14 && facts.kept == ["/d/db.pg13"] && facts.available == 123 && facts.size == 45)
        #expect(facts.binaryMajor == 17)
        #expect(DatabaseUpgrade.Facts("binary=postgres (PostgreSQL) 15.14\n").binaryMajor == 15)
        #expect(ByteCount.parse("256M") == 256 << 20 && ByteCount.parse("1.5G") == 1_610_612_736 && ByteCount.parse("100TiB") == 100 << 40)
        #expect(ByteCount.parse("lots") == nil && ByteCount.parse("-1") == nil)
    }

    @Test(arguments: [
        ("pgversion=17\navail=9\nsize=1\nbinary=postgres (PostgreSQL) 17.12\n", "already runs PostgreSQL 17"),
        ("pgversion=18\navail=9\nsize=1\nbinary=postgres (PostgreSQL) 17.12\n", "older than the cluster's PostgreSQL 18"),
        ("pgversion=14\navail=80000000000\nsize=1\n", "cannot be had"),
        ("pgversion=14\navail=80000000000\nsize=1\nbinary=postgres (PostgreSQL) 15.14\n", "its tag names a major its binary is not"),
        ("pgversion=14\navail=1000\nsize=40000000\nbinary=postgres (PostgreSQL) 17.12\n", "too little disk"),
        ("pgversion=14\nkept=KEPT\navail=80000000000\nsize=1\nbinary=postgres (PostgreSQL) 17.12\n", "is in the way"),
        ("avail=80000000000\n", "holds no PostgreSQL cluster"),
    ])
    func aRefusalStopsAtTheCheckWithExit2(facts: String, message: String) async throws {
        let stack = try stack()
        let runner = runner(facts: facts.replacingOccurrences(of: "KEPT", with: stack.context.dataPath("planka", "db") + ".pg14"))
        let upgrader = DatabaseUpgrader(stack: stack, runner: runner)
        let error = await #expect(throws: BerthError.self) { try await upgrader.upgrade(module: "planka", database: nil, to: 17) }
        #expect(error?.status == .usage && "\(error!)".contains(message), "\(String(describing: error))")
        #expect(steps(runner) == ["check"])
    }

    @Test func badModulesAreRefusedBeforeTheServerIsAsked() async throws {
        let runner = runner(facts: Self.fourteen)
        let upgrader = DatabaseUpgrader(stack: try stack(), runner: runner)
        for (module, to, message) in [
            ("nosuch", 17, "unknown module 'nosuch'"), ("traefik", 17, "traefik has no PostgreSQL database"), ("planka", 9, "not a PostgreSQL major"),
        ] {
            let error = await #expect(throws: BerthError.self) { try await upgrader.upgrade(module: module, database: nil, to: to) }
            #expect(error?.status == .usage && "\(error!)".contains(message), "\(String(describing: error))")
        }
        let pinned = DatabaseUpgrader(stack: try stack("planka: { sso: false, images: { postgres: \"14-alpine\" } }"), runner: runner)
        let error = await #expect(throws: BerthError.self) { try await pinned.upgrade(module: "planka", database: nil, to: 17) }
        #expect("\(error!)".contains("services.planka pins postgres to 14-alpine, and berth.yaml wins over berth.lock"), "\(String(describing: error))")
        #expect(runner.commands.isEmpty)
    }

    @Test func aCopyThatFailsDiscardsTheNewFolderAndStartsTheAppsAgain() async throws {
        let runner = runner(facts: Self.fourteen, failing: "pg_dumpall")
        let upgrader = DatabaseUpgrader(stack: try stack(), runner: runner)
        let failure = await #expect(throws: UpgradeFailure.self) { try await upgrader.upgrade(module: "planka", database: nil, to: 17) }
        #expect(failure?.message.contains("pg_restore into the new server failed") == true && failure?.message.contains("PostgreSQL 14 serve as before") == true)
        #expect(steps(runner) == ["check", "stop", "count", "copy", "discard", "start apps"])
        #expect(failure?.report.phases.map { "\($0.name) \($0.ok)" } == ["check true", "stop true", "count true", "copy false"])
        let stop = try #require(runner.commands.first { $0.arguments.joined(separator: " ").contains("compose stop") })
        #expect(stop.arguments.suffix(3) == ["compose", "stop", "planka"] || stop.arguments.last?.hasSuffix("docker compose stop planka") == true)
    }
}
