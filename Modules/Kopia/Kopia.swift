import ServicePlugin

/// Kopia, the backup engine: snapshots data, the deploy tree and database dumps; UI behind SSO.
public struct Kopia: ServicePlugin {
    public static let id = "kopia"
    public static let summary = "Backup engine (Kopia): snapshots data_root, the deploy tree and the dumps; web UI behind SSO"

    public static let images = [
        ImageSpec(name: "kopia", repository: "kopia/kopia", defaultTag: "0.23.1", minimumVersion: "0.13.0"),
    ]

    public static let options = [
        OptionSpec("subdomain", .dnsLabel(allowEmpty: false), default: .string("kopia"), "The UI is served on <subdomain>.<domain>."),
        OptionSpec("protected", .bool, default: .bool(true), "Put the identity provider's forward-auth in front of the UI."),
        OptionSpec("rclone_config", .hostPath(allowEmpty: true), default: .string(""), "Host folder holding rclone.conf, for rclone repositories; empty for none."),
        OptionSpec("snapshot_mount", .hostPath(allowEmpty: true), default: .string(""), "Host folder where the UI mounts snapshots for browsing; empty for none."),
    ]

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    public var provides: [Capability] { [.backupEngine] }

    static let port = 51515

    public func routes(in context: StackContext) -> [Route] {
        [
            Route(
                name: "kopia", hosts: [context.host(options.string("subdomain"))], target: .service("kopia", port: Self.port),
                protected: options.bool("protected"), adminUI: true
            ),
        ]
    }
}
