import BerthKopia
import PluginTesting
import ServicePlugin
import Testing

/// Kopia's repository through its own backends: a folder on the server, or S3, WebDAV or SFTP off it. The server's
/// entrypoint connects it (or makes it) before `server start`; credentials are `.env` keys read from the environment.
@Suite struct KopiaRepositoryTests {
    static func kopia(_ options: [String: OptionValue]) -> Kopia { PluginFixtures.plugin(Kopia.self, options) }
    static func kopia(_ repository: String) -> Kopia { kopia(["repository": .string(repository)]) }
    static var context: RenderContext { PluginFixtures.context(for: Kopia.self) }

    static func service(_ kopia: Kopia, in context: RenderContext = context) -> ComposeService {
        kopia.compose(in: context)[service: "kopia"]!
    }

    static func environment(_ service: ComposeService) -> [String: String] {
        Dictionary(uniqueKeysWithValues: service.environment.map { ($0.key, $0.value.rendered) })
    }

    /// The `sh -c` line of the entrypoint, which connects with `backend` or else creates with it, then runs the command.
    static func connectLine(_ backend: String) -> String {
        "kopia repository connect \(backend) || kopia repository create \(backend) || exit 1; exec kopia \"$@\""
    }

    @Test func theOptionTakesKopiasFourKindsAndNamesThemAsTheConfigReaderDoes() throws {
        let spec = try #require(Kopia.optionSpecs.first { $0.name == "repository" })
        #expect(spec.type == .backupRepository([.folder, .s3, .webdav, .sftp]))
        #expect(spec.defaultValue == .string("/opt/kopia-repo"))
        guard case .backupRepository(let schemes) = spec.type else { return }
        #expect(BackupRepository.parse("rest:https://backup.example.org/t/", allowed: schemes).problem == "this engine takes an absolute folder, s3:, webdav:, sftp:, not rest:")
        #expect(BackupRepository.parse("kopia-repo", allowed: schemes).problem == "must be an absolute folder, s3:, webdav:, sftp:, got 'kopia-repo'")
        #expect(BackupRepository.parse("webdav:https://me:pw@dav.example.org/t", allowed: schemes).problem == "a webdav: repository is webdav:http(s)://HOST[:PORT]/PATH")
    }

    @Test func aFolderIsMountedFromTheHostAndConnectedOrMadeBeforeTheServerStarts() {
        let service = Self.service(PluginFixtures.plugin(Kopia.self))
        #expect(service.entrypoint == ["/bin/sh", "-c", Self.connectLine("filesystem --path=/repository"), "kopia"])
        #expect(service.command?.first?.rendered == "server" && service.command?.dropFirst().first?.rendered == "start")
        #expect(service.volumes.contains(VolumeMount("/opt/kopia-repo", "/repository", role: .host)))
        #expect(Self.environment(service).keys.sorted() == ["KOPIA_PASSWORD", "USER"])
        let keys = PluginFixtures.plugin(Kopia.self).envSchema(in: Self.context).map(\.name)
        #expect(keys == ["KOPIA_PASSWORD", "KOPIA_WEB_USERNAME", "KOPIA_WEB_PASSWORD", "KOPIA_CONTROL_USERNAME", "KOPIA_CONTROL_PASSWORD"])
        #expect(PluginFixtures.plugin(Kopia.self).assertions(in: PluginFixtures.stack).allSatisfy { $0.holds })
    }

    @Test func anS3BucketTakesHostAndPortAPrefixFolderAndTheKeysFromTheEnvironment() {
        let kopia = Self.kopia("s3:http://10.78.0.1:9000/vault/tangram/prod")
        let service = Self.service(kopia)
        let backend = "s3 --bucket=vault --endpoint=10.78.0.1:9000 --prefix=tangram/prod/ --disable-tls"
        #expect(service.entrypoint == ["/bin/sh", "-c", Self.connectLine(backend), "kopia"])
        let environment = Self.environment(service)
        #expect(environment["AWS_ACCESS_KEY_ID"] == "${AWS_ACCESS_KEY_ID:?set AWS_ACCESS_KEY_ID in .env}")
        #expect(environment["AWS_SECRET_ACCESS_KEY"] == "${AWS_SECRET_ACCESS_KEY:?set AWS_SECRET_ACCESS_KEY in .env}")
        // Off the server nothing is mounted for the repository, and no credential is on the command line.
        #expect(!service.volumes.contains { $0.target == "/repository" })
        #expect(!(service.entrypoint ?? []).joined().contains("AWS_"))
        let keys = kopia.envSchema(in: Self.context)
        #expect(keys.suffix(2).map(\.name) == ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"])
        #expect(keys.suffix(2).allSatisfy { $0.secret && $0.required })
        #expect(keys.filter(\.keepOffServer).map(\.name) == ["KOPIA_PASSWORD"])
        #expect(PluginFixtures.undeclaredVariables(kopia.compose(in: Self.context), keys).isEmpty)
        #expect(kopia.assertions(in: PluginFixtures.stack).allSatisfy { $0.holds })
        // Over HTTPS, with no prefix: Kopia's defaults.
        #expect(Self.service(Self.kopia("s3:https://s3.example.org/vault")).entrypoint?[2] == Self.connectLine("s3 --bucket=vault --endpoint=s3.example.org"))
    }

    @Test func aWebDAVFolderTakesItsURLAndAnOptionalLoginFromTheEnvironment() {
        let kopia = Self.kopia("webdav:https://dav.example.org/remote.php/dav/files/backup/tangram")
        let service = Self.service(kopia)
        #expect(service.entrypoint?[2] == Self.connectLine("webdav --url=https://dav.example.org/remote.php/dav/files/backup/tangram"))
        let environment = Self.environment(service)
        #expect(environment["KOPIA_WEBDAV_USERNAME"] == "${KOPIA_WEBDAV_USERNAME}")
        #expect(environment["KOPIA_WEBDAV_PASSWORD"] == "${KOPIA_WEBDAV_PASSWORD}")
        let keys = kopia.envSchema(in: Self.context).suffix(2)
        #expect(keys.map(\.name) == ["KOPIA_WEBDAV_USERNAME", "KOPIA_WEBDAV_PASSWORD"])
        #expect(keys.allSatisfy { $0.secret && !$0.required })
        #expect(!service.volumes.contains { $0.target == "/repository" })
    }

    @Test func anSFTPFolderIsReachedWithTheKeyAndHostKeyOfAMountedFolder() {
        let kopia = Self.kopia(["repository": .string("sftp:backup@vault.example.org:/srv/tangram"), "sftp_keys": .string("/opt/kopia-ssh")])
        let service = Self.service(kopia)
        let backend = "sftp --path=/srv/tangram --host=vault.example.org --username=backup --keyfile=/app/ssh/id_ed25519 --known-hosts=/app/ssh/known_hosts"
        #expect(service.entrypoint?[2] == Self.connectLine(backend))
        #expect(service.volumes.contains(VolumeMount("/opt/kopia-ssh", "/app/ssh", readOnly: true, role: .host)))
        #expect(kopia.envSchema(in: Self.context).count == 5)
        #expect(kopia.assertions(in: PluginFixtures.stack).allSatisfy { $0.holds })
        let keyless = Self.kopia("sftp:backup@vault.example.org:/srv/tangram")
        #expect(keyless.assertions(in: PluginFixtures.stack).map(\.path) == ["backup_copy_to", "services.kopia.repository", "services.kopia.sftp_keys"])
        #expect(keyless.assertions(in: PluginFixtures.stack).contains { !$0.holds && $0.path == "services.kopia.sftp_keys" && $0.message.contains("id_ed25519 and known_hosts") })
    }

    @Test func aPathWithShellWordsStaysOneArgument() {
        let service = Self.service(Self.kopia(["repository": .string("sftp:backup@vault.example.org:/srv/t;reboot"), "sftp_keys": .string("/opt/k")]))
        #expect(service.entrypoint?[2].hasPrefix("kopia repository connect sftp '--path=/srv/t;reboot' --host=") == true)
    }

    @Test func aFolderInsideDataRootIsRefused() {
        let inside = Self.kopia("/opt/docker-volumes/kopia-repo").assertions(in: PluginFixtures.stack)
        #expect(inside.contains { !$0.holds && $0.path == "services.kopia.repository" && $0.message.contains("would back itself up") })
    }

    @Test func onSwarmTheFirstTaskMakesAFolderRepositoryAndTheOthersWait() {
        var context = Self.context
        context.stack.swarm = true
        let line = Self.service(PluginFixtures.plugin(Kopia.self), in: context).entrypoint?[2] ?? ""
        #expect(line.hasPrefix("n=0; until mkdir /repository/.berth-init 2>/dev/null;"))
        #expect(line.hasSuffix("rmdir /repository/.berth-init 2>/dev/null; [ $ok -eq 0 ] || exit 1; exec kopia \"$@\""))
        // An off-site store has no shared folder to lock.
        #expect(Self.service(Self.kopia("s3:https://s3.example.org/vault"), in: context).entrypoint?[2].hasPrefix("kopia repository connect s3") == true)
    }

    @Test func rcloneKeepsTheConnectionTheAdminMadeAndConflictsWithANamedRepository() {
        let rclone = Self.kopia(["rclone_config": .string("/opt/rclone")])
        let service = Self.service(rclone)
        #expect(service.entrypoint == nil)
        #expect(!service.volumes.contains { $0.target == "/repository" })
        #expect(service.volumes.contains(VolumeMount("/opt/rclone", "/app/rclone", readOnly: true, role: .host)))
        #expect(rclone.assertions(in: PluginFixtures.stack).allSatisfy { $0.holds })
        let both = Self.kopia(["rclone_config": .string("/opt/rclone"), "repository": .string("s3:https://s3.example.org/vault")])
        #expect(both.assertions(in: PluginFixtures.stack).contains { !$0.holds && $0.path == "services.kopia.repository" && $0.message.contains("rclone_config") })
        #expect(both.envSchema(in: Self.context).count == 5)
    }

    @Test(arguments: [
        ("kopia-s3.txt", "s3:http://10.78.0.1:9000/vault/tangram"), ("kopia-webdav.txt", "webdav:http://10.78.0.1:9200/tangram/"),
        ("kopia-sftp.txt", "sftp:backup@10.78.0.1:/srv/tangram"),
    ])
    func eachBackendsFragmentMatchesItsGolden(golden: String, repository: String) {
        let kopia = Self.kopia(["repository": .string(repository), "sftp_keys": .string("/opt/kopia-ssh")])
        assertSnapshot(PluginFixtures.snapshotText(kopia.compose(in: Self.context), module: "kopia"), named: golden)
    }
}
