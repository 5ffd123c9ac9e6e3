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
}
