import BerthRestic
import Foundation
import PluginTesting
import ServicePlugin
import Testing

/// restic's repository off the server: S3, a REST server or SFTP, their credentials in `.env` and nowhere else.
@Suite struct ResticRepositoryTests {
    static func restic(_ repository: String) -> Restic { PluginFixtures.plugin(Restic.self, ["repository": .string(repository)]) }

    static func service(_ restic: Restic) -> ComposeService {
        restic.compose(in: PluginFixtures.context(for: Restic.self)).services[0]
    }

    @Test func readsEveryKindAndRefusesTheRest() throws {
        let all = BackupRepository.Scheme.allCases
        #expect(try BackupRepository.parse("/opt/restic-repo", allowed: all).get() == .folder("/opt/restic-repo"))
        #expect(try BackupRepository.parse("s3:https://s3.example.org/vault/tangram/prod", allowed: all).get() == .s3(endpoint: "https://s3.example.org", bucket: "vault", prefix: "tangram/prod"))
        #expect(try BackupRepository.parse("s3:http://10.78.0.1:9000/vault", allowed: all).get() == .s3(endpoint: "http://10.78.0.1:9000", bucket: "vault", prefix: ""))
        #expect(try BackupRepository.parse("rest:https://backup.example.org/tangram/", allowed: all).get() == .rest(url: "https://backup.example.org/tangram/"))
        #expect(try BackupRepository.parse("sftp:backup@vault.example.org:/srv/tangram", allowed: all).get() == .sftp(user: "backup", host: "vault.example.org", path: "/srv/tangram"))
        #expect(try BackupRepository.parse("webdav:https://dav.example.org/t", allowed: all).get() == .webdav(url: "https://dav.example.org/t"))
        for (text, problem) in [
            ("restic-repo", "must be an absolute folder, s3:, rest:, sftp:, got 'restic-repo'"),
            ("s3:https://s3.example.org", "an s3: repository is s3:http(s)://HOST[:PORT]/BUCKET[/PREFIX]"),
            ("rest:https://user:secret@backup.example.org/", "a rest: repository is rest:http(s)://HOST[:PORT]/PATH"),
            ("rest:ftp://backup.example.org/", "a rest: repository is rest:http(s)://HOST[:PORT]/PATH"),
            ("sftp:vault.example.org:/srv", "an sftp: repository is sftp:USER@HOST:/PATH"),
            ("webdav:https://dav.example.org/t", "this engine takes an absolute folder, s3:, rest:, sftp:, not webdav:"),
        ] {
            #expect(BackupRepository.parse(text, allowed: [.folder, .s3, .rest, .sftp]).problem == problem, "\(text)")
        }
    }

    @Test func anS3RepositoryIsReachedWithTheKeysOfTheModulesEnvAndMountsNoFolder() {
        let restic = Self.restic("s3:http://10.78.0.1:9000/vault/tangram")
        let service = Self.service(restic)
        let environment = Dictionary(uniqueKeysWithValues: service.environment.map { ($0.key, $0.value.rendered) })
        #expect(environment["RESTIC_REPOSITORY"] == "s3:http://10.78.0.1:9000/vault/tangram")
        #expect(environment["AWS_ACCESS_KEY_ID"] == "${AWS_ACCESS_KEY_ID:?set AWS_ACCESS_KEY_ID in .env}")
        #expect(environment["AWS_SECRET_ACCESS_KEY"] == "${AWS_SECRET_ACCESS_KEY:?set AWS_SECRET_ACCESS_KEY in .env}")
        #expect(!service.volumes.contains { $0.target == "/repository" })
        let keys = restic.envSchema(in: PluginFixtures.context(for: Restic.self))
        #expect(keys.map(\.name) == ["RESTIC_PASSWORD", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"])
        #expect(keys.allSatisfy { $0.secret && $0.required })
        // The one secret to keep off the server too: `berth env keys` names it.
        #expect(keys.filter(\.keepOffServer).map(\.name) == ["RESTIC_PASSWORD"])
        #expect(PluginFixtures.undeclaredVariables(restic.compose(in: PluginFixtures.context(for: Restic.self)), keys).isEmpty)
        // Off the server, the repository cannot back itself up.
        #expect(restic.assertions(in: PluginFixtures.stack).isEmpty)
    }

    @Test func aRESTRepositoryTakesAnOptionalLoginAndAFolderOneNone() {
        let rest = Self.restic("rest:http://10.78.0.1:9100/tangram/")
        let environment = Dictionary(uniqueKeysWithValues: Self.service(rest).environment.map { ($0.key, $0.value.rendered) })
        #expect(environment["RESTIC_REPOSITORY"] == "rest:http://10.78.0.1:9100/tangram/")
        #expect(environment["RESTIC_REST_PASSWORD"] == "${RESTIC_REST_PASSWORD}")
        let keys = rest.envSchema(in: PluginFixtures.context(for: Restic.self))
        #expect(keys.map(\.name) == ["RESTIC_PASSWORD", "RESTIC_REST_USERNAME", "RESTIC_REST_PASSWORD"])
        #expect(keys.filter(\.secret).map(\.name) == ["RESTIC_PASSWORD", "RESTIC_REST_PASSWORD"])
        let folder = Self.service(Self.restic("/srv/restic"))
        #expect(folder.environment.first { $0.key == "RESTIC_REPOSITORY" }?.value.rendered == "/repository")
        #expect(folder.volumes.contains { $0.source == "/srv/restic" && $0.target == "/repository" })
        #expect(Self.restic("sftp:backup@vault.example.org:/srv/t").envSchema(in: PluginFixtures.context(for: Restic.self)).map(\.name) == ["RESTIC_PASSWORD"])
    }

    @Test func aSecondRepositoryGetsItsOwnCOPYLoginAndACopyAfterTheSnapshot() throws {
        let restic = Self.restic("s3:http://10.78.0.1:9000/vault/tangram")
        var context = PluginFixtures.context(for: Restic.self)
        context.stack.backupCopyTo = .rest(url: "http://10.78.0.1:9100/tangram/")
        let service = restic.compose(in: context).services[0]
        let environment = Dictionary(uniqueKeysWithValues: service.environment.map { ($0.key, $0.value.rendered) })
        #expect(environment["COPY_RESTIC_REPOSITORY"] == "rest:http://10.78.0.1:9100/tangram/")
        #expect(environment["COPY_RESTIC_REST_PASSWORD"] == "${COPY_RESTIC_REST_PASSWORD}")
        let keys = restic.envSchema(in: context)
        #expect(keys.map(\.name).suffix(2) == ["COPY_RESTIC_REST_USERNAME", "COPY_RESTIC_REST_PASSWORD"])
        #expect(PluginFixtures.undeclaredVariables(restic.compose(in: context), keys).isEmpty)
        let engine = restic.backupTool(in: context)
        let command = try #require(engine.copyCommand)
        #expect(command.prefix(2) == ["/bin/sh", "-c"] && command[2].hasSuffix("restic copy --quiet"))
        #expect(!command.joined().contains("10.78.0.1"))
        #expect(restic.backupTool(in: PluginFixtures.context(for: Restic.self)).copyCommand == nil)
        #expect(restic.assertions(in: context.stack).allSatisfy { $0.holds })
    }

    @Test func aSecondRepositoryOfTheFirstsLoggedInKindOrTheFirstItselfIsRefused() throws {
        var stack = PluginFixtures.stack
        let s3 = Self.restic("s3:http://10.78.0.1:9000/vault/tangram")
        stack.backupCopyTo = .s3(endpoint: "http://10.78.0.1:9000", bucket: "other", prefix: "")
        #expect(s3.assertions(in: stack).contains { !$0.holds && $0.path == "backup_copy_to" && $0.message.contains("one login of a kind") })
        stack.backupCopyTo = .s3(endpoint: "http://10.78.0.1:9000", bucket: "vault", prefix: "tangram")
        #expect(s3.assertions(in: stack).contains { !$0.holds && $0.message.contains("is the restic repository itself") })
        stack.backupCopyTo = .webdav(url: "https://dav.example.org/t")
        #expect(s3.assertions(in: stack).contains { !$0.holds && $0.message.contains("not webdav:") })
        // Two folders need no login: a second disk beside the first is a copy restic can make.
        stack.backupCopyTo = .folder("/mnt/second-disk/restic")
        #expect(Self.restic("/opt/restic-repo").assertions(in: stack).allSatisfy { $0.holds })
    }
}
