import BerthCore
import Foundation
import Testing

@Suite struct EnvInitializerTests {
    func renderedTree() throws -> (Stack, String) {
        let stack = try Fixtures.stack()
        let root = Fixtures.temporaryDirectory("envinit")
        try TreeWriter(destination: root).write(TreeRenderer.render(stack))
        return (stack, root)
    }

    @Test func createsEveryEnvFileWithMode0600AndPassesEnvCheck() throws {
        let (stack, root) = try renderedTree()
        let changes = try EnvInitializer(stack: stack, root: root).run()
        #expect(changes.map { $0.file.replacingOccurrences(of: root + "/", with: "") } == ["authentik/.env", "planka/.env", "kopia/.env", "watchtower/.env"])
        for change in changes {
            let mode = try FileManager.default.attributesOfItem(atPath: change.file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(change.file)")
        }
        #expect(try EnvChecker(root: root).check().isEmpty)
    }

    /// A file that gets a key with no value (one the admin fills) is written, and reported as written, with the key.
    @Test func aKeyAddedEmptyIsReportedAsAWrite() throws {
        let (stack, root) = try renderedTree()
        _ = try EnvInitializer(stack: stack, root: root).run()
        let path = "\(root)/planka/.env"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("SMTP_PASSWORD=") })
        try text.replacingOccurrences(of: line + "\n", with: "").write(toFile: path, atomically: true, encoding: .utf8)
        let changes = try EnvInitializer(stack: stack, root: root).run()
        let planka = try #require(changes.first { $0.file == path })
        #expect(planka.written && planka.addedEmpty == ["SMTP_PASSWORD"] && !planka.created)
        #expect(changes.filter { $0.file != path }.allSatisfy { !$0.written })
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("SMTP_PASSWORD=\n"))
    }

    @Test func sharedOIDCValuesAreEqualAcrossModules() throws {
        let (stack, root) = try renderedTree()
        _ = try EnvInitializer(stack: stack, root: root).run()
        let planka = try #require(try EnvFile.read("\(root)/planka/.env")).values
        let authentik = try #require(try EnvFile.read("\(root)/authentik/.env")).values
        #expect(planka["OIDC_CLIENT_SECRET"]?.count == 96)
        #expect(planka["OIDC_CLIENT_SECRET"] == authentik["PLANKA_OIDC_CLIENT_SECRET"])
        #expect(planka["OIDC_CLIENT_ID"] == authentik["PLANKA_OIDC_CLIENT_ID"])
    }

    @Test func generatedSecretsAreFreshAndFitTheirAlphabet() throws {
        let (stack, root) = try renderedTree()
        _ = try EnvInitializer(stack: stack, root: root).run()
        let first = try #require(try EnvFile.read("\(root)/planka/.env")).values
        let (_, other) = try renderedTree()
        _ = try EnvInitializer(stack: stack, root: other).run()
        let second = try #require(try EnvFile.read("\(other)/planka/.env")).values
        #expect(first["SECRET_KEY"] != second["SECRET_KEY"])
        #expect(first["SECRET_KEY"]?.count == 128 && first["SECRET_KEY"]!.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(first["DB_PASSWORD"]!.count <= 99 && first["DB_PASSWORD"]!.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    @Test func existingValuesAreNeverChanged() throws {
        let (stack, root) = try renderedTree()
        Fixtures.write("# mine\nSECRET_KEY=keep-me\nOIDC_CLIENT_SECRET=shared-by-hand\nDB_PASSWORD=\n", to: "\(root)/planka/.env", mode: 0o644)
        let changes = try EnvInitializer(stack: stack, root: root).run()
        let planka = try #require(try EnvFile.read("\(root)/planka/.env")).values
        #expect(planka["SECRET_KEY"] == "keep-me")
        #expect(planka["OIDC_CLIENT_SECRET"] == "shared-by-hand")
        #expect(planka["DB_PASSWORD"]?.count == 48)
        #expect(Fixtures.read("\(root)/planka/.env").hasPrefix("# mine\nSECRET_KEY=keep-me\n"))
        // The hand-set shared value is copied to the other side, not regenerated.
        #expect(try EnvFile.read("\(root)/authentik/.env")?.values["PLANKA_OIDC_CLIENT_SECRET"] == "shared-by-hand")
        let plankaChange = try #require(changes.first { $0.file.hasSuffix("planka/.env") })
        #expect(plankaChange.generated == ["DB_PASSWORD"])
        #expect(plankaChange.copiedShared == ["OIDC_CLIENT_ID"])
        #expect(try FileManager.default.attributesOfItem(atPath: "\(root)/planka/.env")[.posixPermissions] as? Int == 0o600)
        // A second run changes nothing.
        let before = Fixtures.read("\(root)/planka/.env")
        _ = try EnvInitializer(stack: stack, root: root).run()
        #expect(Fixtures.read("\(root)/planka/.env") == before)
    }

    @Test func refusesATreeThatWasNotRendered() throws {
        let stack = try Fixtures.stack()
        let root = Fixtures.temporaryDirectory("envinit-empty")
        #expect(throws: BerthError.self) { try EnvInitializer(stack: stack, root: root).run() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
    }

    @Test func keysInComposeFormsAreNeverAddedAgainNorChanged() throws {
        let (stack, root) = try renderedTree()
        // The issue's case: CRLF line ends, plus every other form compose reads.
        let text = "export SECRET_KEY=kept\r\nDB_PASSWORD=\"live-password\"\r\nOIDC_CLIENT_ID='id'\r\nOIDC_CLIENT_SECRET=sec # shared by hand\r\nSMTP_NAME=\r\nSMTP_PASSWORD\r\n"
        Fixtures.write(text, to: "\(root)/planka/.env", mode: 0o600)
        let changes = try EnvInitializer(stack: stack, root: root).run()
        #expect(Fixtures.read("\(root)/planka/.env") == text)
        let planka = try #require(changes.first { $0.file.hasSuffix("planka/.env") })
        #expect(planka.generated.isEmpty && planka.copiedShared.isEmpty)
        #expect(try EnvFile.read("\(root)/planka/.env")?.values["DB_PASSWORD"] == "live-password")
        #expect(try EnvFile.read("\(root)/authentik/.env")?.values["PLANKA_OIDC_CLIENT_SECRET"] == "sec")
    }

    @Test func ownerAndGroupAreKept() throws {
        let (stack, root) = try renderedTree()
        Fixtures.write("SECRET_KEY=kept\n", to: "\(root)/planka/.env", mode: 0o600)
        chown("\(root)/planka/.env", 1000, 1000)
        _ = try EnvInitializer(stack: stack, root: root).run()
        let attributes = try FileManager.default.attributesOfItem(atPath: "\(root)/planka/.env")
        #expect(attributes[.ownerAccountID] as? Int == 1000 && attributes[.groupOwnerAccountID] as? Int == 1000)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(try EnvFile.read("\(root)/planka/.env")?.values["SECRET_KEY"] == "kept")
    }

    /// Tangram's pre-commit hook: each .env has as many lines as its sample.env, with the same key on each line.
    @Test func everyEnvFileIsLineForLineWithItsSample() throws {
        let (stack, root) = try renderedTree()
        _ = try EnvInitializer(stack: stack, root: root).run()
        // A Berth-shaped file that lost a key is rebuilt on its sample's lines, values kept.
        let planka = Fixtures.read("\(root)/planka/.env")
        let secret = try #require(try EnvFile.read("\(root)/planka/.env")?.values["SECRET_KEY"])
        Fixtures.write(planka.replacingOccurrences(of: "\nSMTP_PASSWORD=\n", with: "\n"), to: "\(root)/planka/.env", mode: 0o600)
        _ = try EnvInitializer(stack: stack, root: root).run()
        #expect(try EnvFile.read("\(root)/planka/.env")?.values["SECRET_KEY"] == secret)
        for module in stack.modules where !module.envSchema.isEmpty {
            let keyOf = { (line: Substring) in line.hasPrefix("#") || !line.contains("=") ? "" : String(line.split(separator: "=")[0]) }
            let sample = Fixtures.read("\(root)/\(module.id)/sample.env").split(separator: "\n", omittingEmptySubsequences: false)
            let env = Fixtures.read("\(root)/\(module.id)/.env").split(separator: "\n", omittingEmptySubsequences: false)
            #expect(env.count == sample.count, "\(module.id): line count")
            #expect(env.map(keyOf) == sample.map(keyOf), "\(module.id): keys line by line")
        }
    }
}
