import ServicePlugin
import Foundation
import Testing

/// `berth logs`, `berth exec` and `berth ps` against a stack really deployed over SSH; none of them
/// ever prints the secret seeded in the server's `.env`, not even with `-v`.
@Suite(.serialized, .deployedLookStack, .tags(.testbed), .needsTestbed) struct DayTwoCommandsTests {
    var stack: DayTwoStack { DayTwoStack.current! }

    /// Runs berth and checks that the seeded secret is nowhere in what it printed.
    func berth(_ arguments: [String], input: String? = nil) throws -> Run {
        let run = try stack.berth(arguments, input: input)
        #expect(!run.output.contains(DayTwoStack.marker), "berth \(arguments) printed the secret")
        return run
    }

    @Test func logsInterleavesPrefixedLinesOfEveryServiceAndHonoursTail() throws {
        try stack.log("web", "hello-from-web")
        for index in 1...5 { try stack.log("worker", "tail-line-\(index)") }

        let all = try berth(["logs", "-v", "--env", "testbed"])
        #expect(all.status == 0, "\(all.output)")
        // Compose starts each line with an erase-line sequence (ESC [2K) even with --no-color; Berth passes its output on as it is.
        let lines = all.stdout.split(separator: "\n").map { $0.replacingOccurrences(of: "\u{1B}[2K", with: "") }
        #expect(lines.contains { $0.range(of: #"^web-1 +\| hello-from-web$"#, options: .regularExpression) != nil }, "\(all.stdout)")
        #expect(lines.contains { $0.range(of: #"^worker-1 +\| tail-line-5$"#, options: .regularExpression) != nil }, "\(all.stdout)")
        // -v shows the command on standard error, run in the deploy folder over SSH.
        #expect(all.stderr.contains("docker compose logs --no-color"), "\(all.stderr)")

        // A module name stands for its services; --tail keeps the last lines of each container.
        let tail = try berth(["logs", "--env", "testbed", "worker", "--tail", "2"])
        #expect(tail.status == 0, "\(tail.output)")
        let tailLines = tail.stdout.split(separator: "\n").map(String.init)
        #expect(tailLines.count == 2 && tailLines[0].hasSuffix("| tail-line-4") && tailLines[1].hasSuffix("| tail-line-5"), "\(tail.stdout)")
        #expect(!tail.stdout.contains("hello-from-web"))
        // The environment as the first argument reads as --env does (issue 28).
        #expect(try berth(["logs", "testbed", "worker", "--tail", "2"]).stdout == tail.stdout)

        let since = try berth(["logs", "--env", "testbed", "web", "--since", "1h30m"])
        #expect(since.status == 0 && since.stdout.contains("hello-from-web"), "\(since.output)")
    }

    @Test func logsRefusesUnknownNamesAndBadValues() throws {
        let unknown = try berth(["logs", "--env", "testbed", "nextcloud"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown module or service 'nextcloud' (modules: watchtower, web, worker; services: watchtower, watchtower-socket, web, worker)"), "\(unknown.stderr)")
        for (option, value) in [("--since", "ten minutes"), ("--since", "10x"), ("--tail", "-1"), ("--tail", "many")] {
            let bad = try berth(["logs", "--env", "testbed", option, value])
            #expect(bad.status == 2, "\(option) \(value): \(bad.output)")
            #expect(bad.stderr.contains(option), "\(bad.stderr)")
        }
    }

    @Test func logsFollowStreamsALineWrittenAfterItStarted() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Run.berthPath)
        process.arguments = ["logs", "--env", "testbed", "--follow", "--tail", "0", "worker"]
        process.currentDirectoryURL = URL(fileURLWithPath: stack.project)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = StreamReader(out.fileHandleForReading)
        let errors = StreamReader(err.fileHandleForReading)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // The follower may need a moment to attach: the line is written again until it shows, for 30 s at most.
        let line = "followed-\(UUID().uuidString.prefix(8))"
        let deadline = Date().addingTimeInterval(30)
        while !output.text.contains(line) && Date() < deadline && process.isRunning {
            try stack.log("worker", line)
            Thread.sleep(forTimeInterval: 0.5)
        }
        #expect(output.text.contains("| \(line)"), "stdout: \(output.text) stderr: \(errors.text)")
        #expect(process.isRunning, "the follower stopped by itself: \(errors.text)")

        // SIGTERM reaches the SSH session too: berth ends and its output closes.
        kill(process.processIdentifier, SIGTERM)
        let closed = output.ends(within: 15)
        #expect(closed, "the follower's output never closed")
        if !closed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGTERM || process.terminationStatus == 255, "exit \(process.terminationStatus): \(errors.text)")
        #expect(!output.text.contains(DayTwoStack.marker) && !errors.text.contains(DayTwoStack.marker))
    }

    @Test func execPassesTheExitStatusAndStandardInputThrough() throws {
        let status = try berth(["exec", "-v", "--env", "testbed", "web", "--", "sh", "-c", "echo in-the-container; exit 7"])
        #expect(status.status == 7, "\(status.output)")
        #expect(status.stdout == "in-the-container\n", "\(status.output)")
        #expect(status.stderr.contains("docker exec"), "\(status.stderr)")

        let input = try berth(["exec", "--env", "testbed", "worker", "--", "sh", "-c", "tr a-z A-Z"], input: "piped through\n")
        #expect(input.status == 0, "\(input.output)")
        #expect(input.stdout == "PIPED THROUGH\n", "\(input.output)")
        let positional = try berth(["exec", "testbed", "worker", "--", "sh", "-c", "tr a-z A-Z"], input: "first argument\n")
        #expect(positional.status == 0 && positional.stdout == "FIRST ARGUMENT\n", "\(positional.output)")

        // Arguments reach the container as they are, never through a shell on the way.
        let quoted = try berth(["exec", "--env", "testbed", "web", "--", "echo", "a b", "$(id)", "'"])
        #expect(quoted.stdout == "a b $(id) '\n", "\(quoted.output)")

        // At a terminal (util-linux `script` gives berth a pseudo-terminal), the command gets one too.
        // `timeout` bounds each: a child stopped by SIGTTOU in the terminal's background once hung here.
        let line = "\(ShellQuote.quote(Run.berthPath)) exec --env testbed web -- sh -c 'tty; exit 3'"
        let terminal = try Run.program("/usr/bin/timeout", ["-s", "KILL", "30", "/usr/bin/script", "-qec", line, "/dev/null"], in: stack.project)
        #expect(terminal.status == 3, "\(terminal.output)")
        #expect(terminal.stdout.contains("/dev/pts/"), "\(terminal.output)")
        // What is typed at that terminal reaches the command: the child is the terminal's foreground job.
        let reads = "\(ShellQuote.quote(Run.berthPath)) exec --env testbed web -- sh -c 'read x; echo \"got:$x\"'"
        let typed = try Run.shell("printf 'typed\\n' | timeout -s KILL 30 script -qec \(ShellQuote.quote(reads)) /dev/null", in: stack.project)
        #expect(typed.status == 0 && typed.stdout.contains("got:typed"), "\(typed.output)")
        let piped = try berth(["exec", "--env", "testbed", "web", "--", "sh", "-c", "tty || true"])
        #expect(piped.stdout.contains("not a tty"), "\(piped.output)")

        let unknown = try berth(["exec", "--env", "testbed", "nextcloud", "--", "true"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown service 'nextcloud' (services: watchtower, watchtower-socket, web, worker)"), "\(unknown.stderr)")
        let empty = try berth(["exec", "--env", "testbed", "web"])
        #expect(empty.status == 2, "\(empty.output)")
    }

    @Test func psListsEveryServiceAndShowsAMissingOne() throws {
        let json = try berth(["ps", "-v", "testbed", "--json"])
        #expect(json.status == 0, "\(json.output)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]], "\(json.stdout)")
        let byService = Dictionary(uniqueKeysWithValues: rows.map { ($0["service"] as? String ?? "?", $0) })
        #expect(rows.map { $0["service"] as? String }.filter { $0?.hasPrefix("watchtower") != true } == ["web", "worker"], "\(json.stdout)")
        let web = try #require(byService["web"]), worker = try #require(byService["worker"])
        #expect(web["module"] as? String == "web" && web["state"] as? String == "running" && web["health"] as? String == "healthy", "\(web)")
        #expect((web["image"] as? String)?.hasPrefix("\(Testbed.registry)/berth-testbed/app:v1") == true, "\(web)")
        #expect((web["uptimeSeconds"] as? Int).map { $0 >= 0 } == true, "\(web)")
        #expect(worker["state"] as? String == "running" && worker["health"] is NSNull, "\(worker)")
        #expect((worker["image"] as? String)?.hasPrefix("\(Testbed.registry)/berth-testbed/app:v2") == true, "\(worker)")

        let table = try berth(["ps", "testbed"])
        #expect(table.status == 0)
        #expect(table.stdout.range(of: #"^SERVICE +MODULE +STATE +HEALTH +IMAGE +UPTIME\n"#, options: .regularExpression) != nil, "\(table.stdout)")

        // A container the stack expects but the engine no longer has: `missing`; then it is put back.
        #expect(try Run.shell("docker rm -f \(DayTwoStack.name)-worker-1").status == 0)
        defer { _ = try? Run.shell("cd \(stack.services) && docker compose up -d worker") }
        let missing = try berth(["ps", "testbed", "--json"])
        let after = (try JSONSerialization.jsonObject(with: Data(missing.stdout.utf8)) as? [[String: Any]]) ?? []
        #expect(after.first { $0["service"] as? String == "worker" }?["state"] as? String == "missing", "\(missing.stdout)")
        let plain = try berth(["ps", "testbed"])
        #expect(plain.stdout.split(separator: "\n").contains { $0.hasPrefix("worker") && $0.contains("missing") }, "\(plain.stdout)")
    }
}
