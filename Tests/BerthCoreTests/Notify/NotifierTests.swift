@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// What the notifiers receive, as values: the script's arguments, the passwords on standard input only.
@Suite struct NotifierTests {
    static let text =
        NotifyConfigTests.base + """

            notify:
              - https://hooks.example.org/berth
              - url: smtps://smtp.example.org:465
                on: [backup]
                from: berth@example.org
                to: [admin@example.org, ops@example.org]
                username: berth
                password: { command: "pass show relay" }
            """

    @Test func theCommandCarriesEveryNotifierAndNoPassword() throws {
        let stack = try Fixtures.stack(Self.text)
        let notifier = Notifier(stack: stack, runner: RecordingRunner(), passwords: ["PASSWORD_2": "hunter2"])
        let command = notifier.command(.deploy, title: "deployed production: release r1", message: "all green")
        #expect(Array(command.arguments.prefix(2)) == ["sh", "-c"])
        #expect(
            Array(command.arguments.dropFirst(3)) == [
                "berth", "deploy", "deployed production: release r1", "all green", "tangram", "production",
                "webhook", "backup,check,deploy,rollback", "https://hooks.example.org/berth", "", "", "", "",
                "smtp", "backup", "smtps://smtp.example.org:465", "", "berth@example.org", "admin@example.org,ops@example.org", "berth",
            ])
        #expect(!command.display.contains("hunter2"))
        #expect(command.input == Array("PASSWORD_2=hunter2\n".utf8))
    }

    @Test func theServersScriptHasTheSameNotifiersFixedIn() throws {
        let stack = try Fixtures.stack(Self.text)
        let script = try #require(NotifyScript.render(stack))
        #expect(script.contains("set -- \"$1\" \"$2\" \"$3\" tangram production webhook backup,check,deploy,rollback https://hooks.example.org/berth '' '' '' '' smtp backup"))
        #expect(script.hasSuffix("exit $status\n"))
        #expect(NotifyScript.sample(stack)?.hasSuffix("PASSWORD_2=\n") == true)
        let backup = try #require(BackupScript.render(stack))
        #expect(backup.contains("sh notify/notify.sh backup \"$title\""))
        let tree = TreeRenderer.render(stack)
        #expect(tree.files.contains { $0.path == "notify/notify.sh" && $0.executable })
    }

    @Test func onlyAStatusChangeIsNews() {
        func result(_ status: CheckResult.Status, _ message: String) -> CheckResult {
            CheckResult(module: "planka", check: "http", status: status, latencyMs: 10, message: message)
        }
        let before = ["planka/http": result(.ok, "200 in 12 ms")]
        #expect(CheckNotice(previous: before, results: [result(.ok, "200 in 40 ms")], environment: "production") == nil)
        let notice = CheckNotice(previous: before, results: [result(.fail, "connection refused")], environment: "production")
        #expect(notice?.title == "checks of production: 1 failing")
        #expect(notice?.message == "planka/http: ok -> fail: connection refused")
        #expect(CheckNotice(previous: ["planka/http": result(.fail, "x")], results: [result(.ok, "200")], environment: "production")?.title == "checks of production are green again")
    }
}
