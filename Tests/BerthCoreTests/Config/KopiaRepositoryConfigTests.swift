@testable import BerthCore
import ServicePlugin
import Testing

/// Kopia's `repository:` as `berth.yaml` gives it: a kind Kopia has no backend for is refused at the option's path and
/// line, and an off-site one builds into a stack with no diagnostic.
@Suite struct KopiaRepositoryConfigTests {
    static func text(_ kopia: String) -> String {
        Fixtures.exampleText.replacingOccurrences(of: "  kopia: { subdomain: kopia }\n", with: "  kopia: \(kopia)\n")
    }

    @Test func aKindKopiaCannotReachIsRefusedAtItsPath() {
        for (kopia, message) in [
            ("{ repository: \"rest:https://backup.example.org/tangram/\" }", "services.kopia.repository: this engine takes an absolute folder, s3:, webdav:, sftp:, not rest:"),
            ("{ repository: kopia-repo }", "services.kopia.repository: must be an absolute folder, s3:, webdav:, sftp:, got 'kopia-repo'"),
            ("{ repository: \"s3:https://s3.example.org\" }", "services.kopia.repository: an s3: repository is s3:http(s)://HOST[:PORT]/BUCKET[/PREFIX]"),
        ] {
            #expect {
                try Fixtures.config(Self.text(kopia))
            } throws: { error in
                let found = (error as? DiagnosticsError)?.diagnostics.map(\.description) ?? []
                return found.count == 1 && found[0].contains(message) && found[0].contains("berth.yaml:11")
            }
        }
    }

    @Test func offSiteKindsBuildAndAnSFTPOneWantsItsKeys() throws {
        for repository in ["s3:https://s3.example.org/vault/tangram", "webdav:https://dav.example.org/tangram", "/srv/kopia"] {
            let found = StackValidator.validate(try Fixtures.stack(Self.text("{ subdomain: kopia, repository: \"\(repository)\" }")))
            #expect(found.isEmpty, "\(repository): \(found)")
        }
        let keyless = try Fixtures.stack(Self.text("{ repository: \"sftp:backup@vault.example.org:/srv/tangram\" }"))
        #expect(StackValidator.validate(keyless).map(\.description).contains { $0.contains("services.kopia.sftp_keys: must name the host folder") })
    }
}
