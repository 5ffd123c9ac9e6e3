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
    static let rcloneConfig = OptionKey<String?>(
        "rclone_config", .hostPath(allowEmpty: true), unsetByDefault: "Host folder holding rclone.conf, for rclone repositories; empty for none.")
    static let snapshotMount = OptionKey<String?>(
        "snapshot_mount", .hostPath(allowEmpty: true), unsetByDefault: "Host folder where the UI mounts snapshots for browsing; empty for none.")
    public static let options: [any OptionDeclaration] = [subdomain, protected, rcloneConfig, snapshotMount]

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    static let port = 51515

    /// Kopia makes no second copy yet: a `backup_copy_to:` it would pass over silently is refused instead.
    public func assertions(in context: StackContext) -> [Assertion] {
        [Assertion(context.backupCopyTo == nil, path: "backup_copy_to", "kopia copies to no second repository yet: use restic, or leave it out")]
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
