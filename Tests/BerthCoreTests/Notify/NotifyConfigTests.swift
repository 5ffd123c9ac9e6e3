@testable import BerthCore
import Foundation
import Testing

/// `secrets:` and `notify:` in berth.yaml: what they mean, and every bad value named with its path and line.
@Suite struct NotifyConfigTests {
    static let base = Fixtures.withServices("  planka: { oidc_admin_roles: [bureau] }\n  authentik: {}\n  traefik: {}")

    func messages(_ text: String) -> [String] {
        do {
            let stack = try Fixtures.stack(text)
            return StackValidator.validate(stack).filter { $0.severity == .error }.map(\.description)
        } catch let error as DiagnosticsError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func secretsAndNotifiersAreReadPerEnvironment() throws {
        let text =
            Self.base + """

                secrets:
                  planka.SMTP_PASSWORD: { command: "pass show tangram/smtp" }
                notify:
                  - ntfy://ntfy.example.org/tangram
                  - { url: "https://hooks.example.org/berth", on: [deploy, rollback] }
                  - url: smtp://smtp.example.org:587
                    from: berth@example.org
                    to: [admin@example.org, ops@example.org]
                    username: berth
                    password: { command: "pass show tangram/relay" }
                """
        let config = try Fixtures.config(text)
        #expect(config.secrets(for: "production").map(\.name) == ["planka.SMTP_PASSWORD"])
        #expect(config.secrets(for: "production").first?.command == "pass show tangram/smtp")
        let targets = config.notify(for: "production")
        #expect(targets.map(\.kind) == [.ntfy, .webhook, .smtp])
        #expect(targets[0].endpoint == "https://ntfy.example.org/tangram")
        #expect(targets[1].events == [.deploy, .rollback])
        #expect(targets[2].to == ["admin@example.org", "ops@example.org"])
        #expect(config.notifyPasswords(for: "production").map(\.name) == ["notify.PASSWORD_3"])
        #expect(messages(text).isEmpty)
    }

    @Test func everyBadEntryIsNamedWithItsPathAndLine() {
        let text =
            Self.base + """

                secrets:
                  planka.NOT_A_KEY: { command: "pass show x" }
                  nextcloud.TOKEN: { command: "pass show y" }
                  SMTP_PASSWORD: { command: "pass show z" }
                  planka.SECRET_KEY: { command: "" }
                notify:
                  - gopher://example.org/x
                  - https://user:hunter2@hooks.example.org/x
                  - { url: "smtp://smtp.example.org:587", to: [not-an-address] }
                  - { url: "https://hooks.example.org/y", on: [sometimes], from: a@example.org }
                """
        let found = messages(text)
        let expected = [
            "berth.yaml:14: secrets.SMTP_PASSWORD: must be named module.KEY",
            "berth.yaml:15: secrets.planka.SECRET_KEY.command: must be a command that prints the value",
            "berth.yaml:17: notify[0]: unsupported notifier 'gopher://example.org/x'",
            "berth.yaml:18: notify[1]: must not hold credentials",
            "berth.yaml:19: notify[2].from: is required",
            "berth.yaml:19: notify[2].to: 'not-an-address' is not an email address",
            "berth.yaml:20: notify[3].on: must list events among deploy, rollback, backup, check",
            "berth.yaml:20: notify[3].from: only applies to smtp:// and smtps:// notifiers",
        ]
        for line in expected {
            #expect(found.contains { $0.contains(line) }, "\(line) in \(found)")
        }
        // Module and key are checked once the config loads.
        let valid = Self.base + "\nsecrets:\n  planka.NOT_A_KEY: { command: \"pass show x\" }\n  nextcloud.TOKEN: { command: \"pass show y\" }\n"
        let stackMessages = messages(valid)
        #expect(stackMessages.contains { $0.contains("secrets.planka.NOT_A_KEY") && $0.contains("NOT_A_KEY is not a key of planka's env schema") })
        #expect(stackMessages.contains { $0.contains("secrets.nextcloud.TOKEN") && $0.contains("named nextcloud has an .env") })
    }

    @Test func anEnvironmentsOwnEntriesWin() throws {
        let text =
            Self.base.replacingOccurrences(
                of: "production: { target: \"ssh://deploy@tangram-orchestre.fr/opt/services\" }",
                with:
                    "production:\n    target: \"ssh://deploy@tangram-orchestre.fr/opt/services\"\n    secrets: { planka.SMTP_PASSWORD: { command: \"pass show prod/smtp\" } }\n    notify: [\"https://hooks.example.org/prod\"]"
            ) + "\nsecrets:\n  planka.SMTP_PASSWORD: { command: \"pass show top/smtp\" }\n  planka.SMTP_NAME: { command: \"echo Tangram\" }\nnotify: [ntfy://ntfy.example.org/all]\n"
        let config = try Fixtures.config(text)
        #expect(config.secrets(for: "production").map(\.command) == ["echo Tangram", "pass show prod/smtp"])
        #expect(config.notify(for: "production").map(\.url) == ["https://hooks.example.org/prod"])
    }
}
