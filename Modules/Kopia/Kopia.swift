import ServicePlugin

/// Kopia, the backup engine: snapshots data, the deploy tree and database dumps; UI behind SSO.
public struct Kopia: BackupToolProvider {
    public static let id = "kopia"
    public static let summary = "Backup engine (Kopia): snapshots data_root, the deploy tree and the dumps; web UI behind SSO"

    static let kopia = ImageSpec(name: "kopia", repository: "kopia/kopia", defaultTag: "0.23.1", minimumVersion: "0.13.0")
    public static let images = [kopia]

    static let subdomain = OptionKey("subdomain", .dnsLabel(allowEmpty: false), default: "kopia", "The UI is served on <subdomain>.<domain>.")
    static let protected = OptionKey(
        "protected", default: true,
        "Require the identity provider's forward-auth in front of the UI; false puts it there only when the stack has a provider, Kopia's own login alone otherwise.")
    /// The kinds of repository Kopia reaches here, each through a backend of its own (`kopia repository connect <backend>`).
    static let schemes: [BackupRepository.Scheme] = [.folder, .s3, .webdav, .sftp]
    /// A folder on the server: a deploy that names none still has a repository, outside `data_root`.
    static let defaultRepository = "/opt/kopia-repo"
    static let repository = OptionKey(
        "repository", .backupRepository(schemes), default: defaultRepository,
        "The Kopia repository the server connects to (made on first start): a host folder outside data_root, or off the server, "
            + "where losing the server does not lose the backups: `s3:https://HOST/BUCKET/PREFIX` with AWS_ACCESS_KEY_ID and "
            + "AWS_SECRET_ACCESS_KEY in .env, `webdav:https://HOST/PATH` with KOPIA_WEBDAV_USERNAME and KOPIA_WEBDAV_PASSWORD, "
            + "`sftp:USER@HOST:/PATH` with the key and known_hosts in `sftp_keys`. Left out when `rclone_config` is set.")
    static let sftpKeys = OptionKey<String?>(
        "sftp_keys", .hostPath(allowEmpty: true),
        unsetByDefault: "Host folder holding `id_ed25519` (the sftp: repository user's private key, of any type) and `known_hosts` "
            + "(the store's host key); mounted read-only. Needed by an sftp: repository.")
    static let rcloneConfig = OptionKey<String?>(
        "rclone_config", .hostPath(allowEmpty: true),
        unsetByDefault: "Host folder holding rclone.conf, for an rclone repository the admin connects once by hand "
            + "(`kopia repository connect rclone`); Berth then connects nothing. Empty for none.")
    static let snapshotMount = OptionKey<String?>(
        "snapshot_mount", .hostPath(allowEmpty: true), unsetByDefault: "Host folder where the UI mounts snapshots for browsing; empty for none.")
    public static let options: [any OptionDeclaration] = [subdomain, protected, repository, sftpKeys, rcloneConfig, snapshotMount]
    /// A running Kopia with an rclone folder keeps it on adoption: its repository stays the one connected by hand,
    /// where Berth would otherwise connect the default folder and back up elsewhere.
    public static let adoptedMounts = ["/app/rclone": rcloneConfig.name]

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    static let port = 51515

    /// Kopia makes no second copy yet: a `backup_copy_to:` it would pass over silently is refused instead.
    public func assertions(in context: StackContext) -> [Assertion] {
        [Assertion(context.backupCopyTo == nil, path: "backup_copy_to", "kopia copies to no second repository yet: use restic, or leave it out")]
            + repositoryAssertions(context)
    }

    public func routes(in context: StackContext) -> [Route] {
        [
            Route(
                name: "kopia", hosts: [context.host(options[Self.subdomain])], target: .service(Self.server),
                protection: options[Self.protected] ? .always : .whenIdentityProvider, adminUI: true
            )
        ]
    }
}
