import BerthCore
import Foundation
import ServicePlugin
import Testing

@Suite struct ShellQuoteTests {
    @Test(arguments: ["plain", "/opt/services", "with space", "semi;colon", "$(reboot)", "`id`", "it's", "", "a\nb", "*", "x' ; rm -rf / ; '"])
    func aRealShellReadsTheQuotedWordBackExactly(_ word: String) async throws {
        // printf %s prints its argument verbatim: any expansion or word split would change it.
        let result = try await ProcessRunner().run(ShellCommand(["sh", "-c", .plain("printf %s " + ShellQuote.quote(word))]))
        #expect(result.succeeded)
        #expect(result.stdout == word)
    }

    @Test func safeWordsStayBare() {
        #expect(ShellQuote.line(["docker", "compose", "up", "-d", "--remove-orphans"]) == "docker compose up -d --remove-orphans")
        #expect(ShellQuote.quote("a b") == "'a b'")
        #expect(ShellQuote.quote("it's") == "'it'\\''s'")
    }

    @Test func sensitiveArgumentsAreHiddenFromDisplay() {
        let command = ShellCommand(["curl", "-u", .sensitive("user:hunter2"), "http://127.0.0.1/"])
        #expect(command.display == "curl -u *** http://127.0.0.1/")
        #expect(command.arguments == ["curl", "-u", "user:hunter2", "http://127.0.0.1/"])
    }
}

@Suite struct ProcessRunnerTests {
    @Test func capturesOutputAndStatus() async throws {
        let result = try await ProcessRunner().run(ShellCommand(["sh", "-c", "echo out; echo err >&2; exit 3"]))
        #expect(result == CommandResult(status: 3, stdout: "out\n", stderr: "err\n"))
    }

    @Test func feedsStandardInput() async throws {
        let result = try await ProcessRunner().run(ShellCommand(["cat"], input: Array("hello".utf8)))
        #expect(result.stdout == "hello")
    }

    @Test func stopsACommandPastItsTimeout() async throws {
        let start = Date()
        await #expect(throws: BerthError.self) { try await ProcessRunner().run(ShellCommand(["sleep", "120"]), timeout: 0.5) }
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test func aMissingProgramIsAClearError() async {
        await #expect(throws: BerthError.io("berth-no-such-tool is not installed (not found on PATH)")) {
            try await ProcessRunner().run(ShellCommand(["berth-no-such-tool"]))
        }
    }
}
