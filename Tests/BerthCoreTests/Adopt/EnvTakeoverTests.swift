@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// Carrying a running project's secrets into Berth's `.env` files: the plan of where each key is read, and the
/// script run for real in `sh` on a `file:` target, with a stand-in `docker` that prints canned environments.
@Suite struct EnvTakeoverTests {
    /// One container as `EngineContainer.adoptionFormat` prints it: compose project `production` run in `folder`.
    static func line(_ service: String, image: String, env: [String], folder: String, settings: [String] = []) -> String {
        let labels = #"{"com.docker.compose.project":"production","com.docker.compose.project.working_dir":"\#(folder)","com.docker.compose.service":"\#(service)"}"#
        let keys = env.map { "\"\($0)\"" }.joined(separator: ",")
        let values = settings.map { "\"\($0)\"," }.joined() + "\"\""
        return #"{"name":"/production-\#(service)-1","state":"running","labels":\#(labels),"ports":{},"mounts":[],"image":"\#(image)","exposed":null,"env":[\#(keys)],"settings":[\#(values)]}"#
    }

    /// Tangram's running project, as `berth adopt` reads it, mapped to modules.
    static func adoption(folder: String) -> Adoption {
        let lines = [
            line(
                "authentik-postgresql", image: "docker.io/library/postgres:16-alpine", env: ["PG_PASS", "AUTHENTIK_SECRET_KEY", "POSTGRES_PASSWORD", "POSTGRES_USER", "POSTGRES_DB", "PATH"],
                folder: folder, settings: ["POSTGRES_USER=authentik", "POSTGRES_DB=authentik"]),
            line("authentik-redis", image: "docker.io/library/redis:7.4.2-alpine", env: ["PATH"], folder: folder),
            line("authentik-server", image: "ghcr.io/goauthentik/server:2024.12.2", env: ["AUTHENTIK_SECRET_KEY", "AUTHENTIK_POSTGRESQL__PASSWORD", "PATH"], folder: folder),
            line("planka", image: "ghcr.io/plankanban/planka:1.23.5", env: ["SECRET_KEY", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "SMTP_PASSWORD", "PATH"], folder: folder),
            line(
                "planka-postgres", image: "postgres:14-alpine", env: ["POSTGRES_DB", "POSTGRES_HOST_AUTH_METHOD"], folder: folder,
                settings: ["POSTGRES_DB=planka", "POSTGRES_HOST_AUTH_METHOD=trust"]),
            line("kopia", image: "kopia/kopia:0.18.2", env: ["KOPIA_PASSWORD", "KOPIA_WEB_PASSWORD", "PATH"], folder: folder),
            line("watchtower", image: "containrrr/watchtower", env: ["TZ", "WATCHTOWER_NOTIFICATION_URL"], folder: folder),
        ]
        return AdoptionMapper().map(RunningProject(name: "production", output: lines.map { "container=" + $0 }.joined(separator: "\n")))
    }

    static let services = "  traefik: {}\n  authentik: {}\n  planka: { oidc_admin_roles: [bureau] }\n  kopia: {}\n  watchtower: {}"

    static func sources(_ targets: [EnvTakeover.Target], _ module: String, _ key: String) -> [String] {
        (targets.first { $0.module == module && $0.key == key }?.sources ?? []).map { "\($0.origin.rawValue) \($0.kind.rawValue) \($0.place) \($0.variable)" }
    }

    @Test func everyKeyIsReadFromTheOldFilesThenContainersThenSharedKeysThenTheDatabase() throws {
        let adoption = Self.adoption(folder: "/root/production/")
        #expect(adoption.modules.map(\.id) == ["authentik", "kopia", "planka", "watchtower"])
        let targets = EnvTakeover.plan(adoption, stack: try Fixtures.stack(Fixtures.withServices(Self.services)))
        // Traefik is in the stack but takes nothing over; every module key is planned, in stack order.
        #expect(Set(targets.map(\.module)) == ["authentik", "planka", "kopia", "watchtower"])
        #expect(targets.allSatisfy { $0.file == "/opt/services/\($0.module)/.env" })
        #expect(
            Self.sources(targets, "authentik", "PG_PASS") == [
                "file file /root/production/authentik/.env PG_PASS", "file file /root/production/authentik-postgresql/.env PG_PASS",
                "file file /root/production/authentik-redis/.env PG_PASS", "file file /root/production/authentik-server/.env PG_PASS",
                "file file /root/production/.env PG_PASS", "container container production-authentik-postgresql-1 PG_PASS",
                "database container production-authentik-postgresql-1 POSTGRES_PASSWORD",
            ])
        #expect(
            Self.sources(targets, "planka", "OIDC_CLIENT_SECRET") == [
                "file file /root/production/planka/.env OIDC_CLIENT_SECRET", "file file /root/production/planka-postgres/.env OIDC_CLIENT_SECRET",
                "file file /root/production/.env OIDC_CLIENT_SECRET", "container container production-planka-1 OIDC_CLIENT_SECRET",
                "shared file /root/production/authentik/.env PLANKA_OIDC_CLIENT_SECRET", "shared file /root/production/authentik-postgresql/.env PLANKA_OIDC_CLIENT_SECRET",
                "shared file /root/production/authentik-redis/.env PLANKA_OIDC_CLIENT_SECRET", "shared file /root/production/authentik-server/.env PLANKA_OIDC_CLIENT_SECRET",
                "shared file /root/production/.env PLANKA_OIDC_CLIENT_SECRET",
            ])
        #expect(Self.sources(targets, "authentik", "PLANKA_OIDC_CLIENT_ID").suffix(2) == ["shared file /root/production/.env OIDC_CLIENT_ID", "shared container production-planka-1 OIDC_CLIENT_ID"])
        // Planka's database runs under trust: its container has no password to give.
        #expect(Self.sources(targets, "planka", "DB_PASSWORD").allSatisfy { $0.hasPrefix("file file ") })
        #expect(Self.sources(targets, "watchtower", "WATCHTOWER_NOTIFICATION_URL").last == "container container production-watchtower-1 WATCHTOWER_NOTIFICATION_URL")
        // Over SSH, the script and its names and paths are one line for the server's shell.
        let command = EnvTakeover(adoption: adoption, stack: try Fixtures.stack(Fixtures.withServices(Self.services))).command()
        #expect(command.arguments.contains("deploy@tangram-orchestre.fr") && command.arguments.last?.contains("/root/production/planka/.env OIDC_CLIENT_SECRET") == true)
    }

    /// Runs commands with a stand-in `docker` first on the PATH.
    struct StandIn: CommandRunner {
        let bin: String
        func run(_ command: ShellCommand, timeout: Double?) async throws -> CommandResult {
            try await ProcessRunner().run(ShellCommand([.plain("env"), .plain("PATH=\(bin):/usr/bin:/bin")] + command.argv, input: command.input), timeout: timeout)
        }
    }

    /// The old compose folder with its `.env` files, a stand-in `docker`, and the target after `env init`.
    func bed() async throws -> (takeover: EnvTakeover, runner: StandIn, root: String) {
        let root = Fixtures.temporaryDirectory("envtakeover")
        let old = root + "/production"
        Fixtures.write("SECRET_KEY=old-planka-key\nexport OIDC_CLIENT_ID = \"old client\" # from Authentik\r\nOIDC_CLIENT_SECRET='old-oidc-secret'\n", to: old + "/planka/.env")
        Fixtures.write("AUTHENTIK_SECRET_KEY=old-authentik-key\nAUTHENTIK_SECRET_KEY=\n", to: old + "/authentik/.env")
        Fixtures.write("AUTHENTIK_SECRET_KEY=  old-authentik-key-2\nKOPIA_PASSWORD=\n", to: old + "/.env")
        let canned = [
            "production-authentik-postgresql-1": #"POSTGRES_PASSWORD=old-db/pass+=\nPOSTGRES_USER=authentik\n"#,
            "production-kopia-1": #"KOPIA_PASSWORD=old kopia $pass\nKOPIA_WEB_PASSWORD=it'\''s\n"#,
            "production-planka-1": #"SMTP_PASSWORD=first\nsecond line\nTZ=UTC\n"#,
            "production-watchtower-1": #"TZ=UTC\nWATCHTOWER_NOTIFICATION_URL=smtp://u:p@h:25/?to=a@b.org&x=1\n"#,
        ]
        let cases = canned.map { "  \($0.key)) printf '\($0.value)\\n' ;;" }.joined(separator: "\n")
        Fixtures.write("#!/bin/sh\n[ \"$1\" = inspect ] || exit 1\ncase $4 in\n\(cases)\n  *) exit 1 ;;\nesac\n", to: root + "/bin/docker", mode: 0o755)
        let text = Fixtures.withServices(Self.services).replacingOccurrences(of: "ssh://deploy@tangram-orchestre.fr/opt/services\"", with: "file:\(root)/target\"")
        let stack = try Fixtures.stack(text)
        _ = try await ServerEnv(stack: stack, runner: ProcessRunner()).initialize()
        return (EnvTakeover(adoption: Self.adoption(folder: old), stack: stack), StandIn(bin: root + "/bin"), root)
    }

    func line(_ path: String, _ key: String) -> String? {
        Fixtures.read(path).split(separator: "\n").map(String.init).first { $0.hasPrefix(key + "=") }
    }

    @Test func theScriptWritesTheOldValuesOnTheServerAndPrintsNamesOnly() async throws {
        let (takeover, runner, root) = try await bed()
        let planka = root + "/target/planka/.env"
        let generated = Fixtures.read(planka)
        let result = try await runner.run(takeover.command(), timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        for value in ["old-planka-key", "old client", "old-oidc-secret", "old-authentik-key", "old-db", "old kopia", "it's", "first", "smtp://"] {
            #expect(!result.stdout.contains(value) && !result.stderr.contains(value))
        }
        let report = EnvTakeover.Report(output: result.stdout)
        #expect(report.entries.count == result.stdout.split(separator: "\n").count)
        #expect(report.entries.contains(.init(module: "authentik", key: "PG_PASS", outcome: .took, origin: .database)))
        #expect(report.entries.contains(.init(module: "authentik", key: "PLANKA_OIDC_CLIENT_ID", outcome: .took, origin: .shared)))
        #expect(report.entries.contains(.init(module: "kopia", key: "KOPIA_PASSWORD", outcome: .took, origin: .container)))
        #expect(report.entries(.unsafe).map(\.key).sorted() == ["KOPIA_WEB_PASSWORD", "SMTP_PASSWORD"])
        #expect(report.entries(.missing).contains { $0.key == "KOPIA_WEB_USERNAME" })

        #expect(line(planka, "SECRET_KEY") == "SECRET_KEY=old-planka-key")
        #expect(line(planka, "OIDC_CLIENT_ID") == "OIDC_CLIENT_ID=\"old client\" # from Authentik")
        #expect(line(planka, "OIDC_CLIENT_SECRET") == "OIDC_CLIENT_SECRET='old-oidc-secret'")
        #expect(line(planka, "SMTP_PASSWORD") == generated.split(separator: "\n").map(String.init).first { $0.hasPrefix("SMTP_PASSWORD=") })
        let authentik = root + "/target/authentik/.env"
        #expect(line(authentik, "AUTHENTIK_SECRET_KEY") == "AUTHENTIK_SECRET_KEY=old-authentik-key-2")
        #expect(line(authentik, "PG_PASS") == "PG_PASS=old-db/pass+=")
        #expect(line(authentik, "PLANKA_OIDC_CLIENT_SECRET") == "PLANKA_OIDC_CLIENT_SECRET='old-oidc-secret'")
        #expect(line(root + "/target/kopia/.env", "KOPIA_PASSWORD") == "KOPIA_PASSWORD='old kopia $pass'")
        #expect(line(root + "/target/watchtower/.env", "WATCHTOWER_NOTIFICATION_URL") == "WATCHTOWER_NOTIFICATION_URL='smtp://u:p@h:25/?to=a@b.org&x=1'")
        #expect(try EnvFile.read(planka)?.values["OIDC_CLIENT_ID"] == "old client")
        for module in ["planka", "authentik", "kopia", "watchtower"] {
            let path = "\(root)/target/\(module)/.env"
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
            #expect(try FileManager.default.attributesOfItem(atPath: path + ".before-adopt")[.posixPermissions] as? Int == 0o600)
        }
        #expect(Fixtures.read(planka + ".before-adopt") == generated)

        // Again: every value is already there, nothing is written, the first copy stays.
        let written = Fixtures.read(planka)
        let again = try await takeover.run(runner: runner)
        #expect(again.entries(.took).isEmpty && again.entries(.kept).count == report.entries(.took).count)
        #expect(Fixtures.read(planka) == written && Fixtures.read(planka + ".before-adopt") == generated)
    }

    @Test func aLinkedTargetIsRefusedAndNothingIsWritten() async throws {
        let (takeover, runner, root) = try await bed()
        let authentik = Fixtures.read(root + "/target/authentik/.env")
        Fixtures.write("A=1\n", to: root + "/elsewhere")
        try FileManager.default.removeItem(atPath: root + "/target/planka/.env")
        try FileManager.default.createSymbolicLink(atPath: root + "/target/planka/.env", withDestinationPath: root + "/elsewhere")
        await #expect(throws: BerthError.self) { try await takeover.run(runner: runner) }
        #expect(Fixtures.read(root + "/elsewhere") == "A=1\n")
        #expect(Fixtures.read(root + "/target/authentik/.env") == authentik)
        #expect(!FileManager.default.fileExists(atPath: root + "/target/authentik/.env.before-adopt"))
    }
}
