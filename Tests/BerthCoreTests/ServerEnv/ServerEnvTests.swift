@testable import BerthCore
import Foundation
import Testing

/// `env init`, `env set` and `env keys` against a target, run for real in `sh` on a `file:` target
/// (the same scripts an `ssh://` target receives, see `DayTwoEndToEndTests` for SSH).
@Suite struct ServerEnvTests {
    /// The example stack with its production target moved to a fresh folder; no tree is rendered anywhere.
    func target() throws -> (ServerEnv, String) {
        let root = Fixtures.temporaryDirectory("serverenv")
        let services = "  traefik: {}\n  authentik: {}\n  planka: { oidc_admin_roles: [bureau] }\n  kopia: {}\n  watchtower: {}"
        let text = Fixtures.withServices(services).replacingOccurrences(of: "ssh://deploy@tangram-orchestre.fr/opt/services\"", with: "file:\(root)\"")
        let stack = try Fixtures.stack(text)
        return (ServerEnv(stack: stack, runner: ProcessRunner()), root)
    }

    func values(_ path: String) throws -> [String: String] {
        try #require(try EnvFile.read(path)).values
    }

    @Test func initCreatesEveryFileOnTheTargetWithMode0600AndSharedValuesOnce() async throws {
        let (env, root) = try target()
        let changes = try await env.initialize()
        #expect(changes.map { $0.file.replacingOccurrences(of: root + "/", with: "") } == ["authentik/.env", "planka/.env", "kopia/.env", "watchtower/.env"])
        #expect(changes.allSatisfy { $0.created })
        for change in changes {
            let mode = try FileManager.default.attributesOfItem(atPath: change.file)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        let planka = try values("\(root)/planka/.env")
        #expect(planka["SECRET_KEY"]?.count == 128 && planka["SECRET_KEY"]?.allSatisfy(\.isHexDigit) == true)
        #expect(planka["OIDC_CLIENT_SECRET"]?.count == 96)
        #expect(planka["OIDC_CLIENT_SECRET"] == (try values("\(root)/authentik/.env"))["PLANKA_OIDC_CLIENT_SECRET"])
        // Line for line with the sample, as a local `env init` writes it.
        let text = try String(contentsOfFile: "\(root)/planka/.env", encoding: .utf8)
        #expect(text.hasPrefix("# Rendered by Berth for module planka."))
        #expect(!text.contains("@@"))
    }

    @Test func setValuesNeverChangeAndMissingKeysAreAddedOnTheServer() async throws {
        let (env, root) = try target()
        _ = try await env.initialize()
        let path = "\(root)/planka/.env"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let before = try values(path)
        text = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("DB_PASSWORD=") }.joined(separator: "\n")
        text = text.replacingOccurrences(of: "SECRET_KEY=\(before["SECRET_KEY"]!)", with: "export SECRET_KEY = \"kept 'as' it is\" # mine")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let untouched = try Data(contentsOf: URL(fileURLWithPath: "\(root)/kopia/.env"))

        let changes = try await env.initialize()
        #expect(changes.first { $0.file == path }?.generated == ["DB_PASSWORD"])
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(after.contains("export SECRET_KEY = \"kept 'as' it is\" # mine\n"))
        #expect(try values(path)["OIDC_CLIENT_SECRET"] == before["OIDC_CLIENT_SECRET"])
        #expect(try values(path)["DB_PASSWORD"]?.count == 48)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(root)/kopia/.env")) == untouched)

        // A second run changes nothing at all.
        let again = try await env.initialize()
        #expect(again.allSatisfy { $0.generated.isEmpty && !$0.created })
        #expect(try String(contentsOfFile: path, encoding: .utf8) == after)
    }

    @Test func aLinkedEnvFileIsRefusedAndNothingIsWritten() async throws {
        let (env, root) = try target()
        try FileManager.default.createDirectory(atPath: "\(root)/planka", withIntermediateDirectories: true)
        try "A=1\n".write(toFile: "\(root)/elsewhere", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(root)/planka/.env", withDestinationPath: "\(root)/elsewhere")
        await #expect(throws: BerthError.self) { try await env.initialize() }
        #expect(!FileManager.default.fileExists(atPath: "\(root)/authentik/.env"))
        #expect(try String(contentsOfFile: "\(root)/elsewhere", encoding: .utf8) == "A=1\n")
    }

    @Test func aFileChangedBetweenReadAndWriteStopsTheWrite() async throws {
        let (env, root) = try target()
        let tag = "0123456789abcdef"
        let files = try await env.read(["\(root)/planka/.env"], tag: tag)
        try FileManager.default.createDirectory(atPath: "\(root)/planka", withIntermediateDirectories: true)
        try "SECRET_KEY=typed-meanwhile\n".write(toFile: "\(root)/planka/.env", atomically: true, encoding: .utf8)
        var outcome = EnvInitializer.Outcome()
        outcome.writes = [(path: "\(root)/planka/.env", text: "SECRET_KEY=new\n")]
        let write = ServerEnv.writeCommand(remote: env.remote, tag: tag, read: files, generators: [], outcome: outcome)
        let result = try await ProcessRunner().run(write)
        #expect(result.status == 3 && result.stderr.contains("changed while Berth read it"))
        #expect(try String(contentsOfFile: "\(root)/planka/.env", encoding: .utf8) == "SECRET_KEY=typed-meanwhile\n")
    }

    @Test func setReplacesAddsOrLeavesAKeyAndRefusesAKeyTwice() async throws {
        let (env, root) = try target()
        _ = try await env.initialize()
        let path = "\(root)/planka/.env"
        let key = try values(path)["SECRET_KEY"]!
        #expect(try await env.set(module: "planka", key: "SMTP_PASSWORD", value: "it's a \"secret\" $x") == .changed)
        #expect(try values(path)["SMTP_PASSWORD"] == "it's a \"secret\" $x")
        #expect(try values(path)["SECRET_KEY"] == key)
        #expect(try await env.set(module: "planka", key: "SMTP_PASSWORD", value: "it's a \"secret\" $x") == .unchanged)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)

        try (String(contentsOfFile: path, encoding: .utf8) + "SMTP_PASSWORD=again\n").write(toFile: path, atomically: true, encoding: .utf8)
        let twice = try String(contentsOfFile: path, encoding: .utf8)
        await #expect(throws: BerthError.self) { try await env.set(module: "planka", key: "SMTP_PASSWORD", value: "x") }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == twice)

        await #expect(throws: BerthError.self) { try await env.set(module: "planka", key: "NOT_A_KEY", value: "x") }
        await #expect(throws: BerthError.self) { try await env.set(module: "nextcloud", key: "X", value: "x") }
    }

    @Test func keysListSetMissingAndExtraByNameOnly() async throws {
        let (env, root) = try target()
        let none = try await env.keys()
        #expect(none.allSatisfy { !$0.exists })
        _ = try await env.initialize()
        let path = "\(root)/planka/.env"
        try (String(contentsOfFile: path, encoding: .utf8) + "LEFTOVER=marker-value\n").write(toFile: path, atomically: true, encoding: .utf8)
        let planka = try #require(try await env.keys().first { $0.module == "planka" })
        #expect(planka.exists)
        #expect(planka.set.contains("SECRET_KEY") && planka.set.contains("OIDC_CLIENT_SECRET"))
        #expect(planka.missing.contains("SMTP_PASSWORD"))
        #expect(planka.extra == ["LEFTOVER"])
        let json = String(decoding: try JSONEncoder().encode(try await env.keys()), as: UTF8.self)
        #expect(!json.contains("marker-value"))
        #expect(!json.contains(try values(path)["SECRET_KEY"]!))
    }
}
