import ServicePlugin

/// restic, a second backup engine: snapshots data_root, the deploy tree and the dumps into a local repository.
public struct Restic: BackupToolProvider {
    public static let id = "restic"
    public static let summary = "Backup engine (restic): snapshots data_root, the deploy tree and the dumps into a repository folder"

    static let restic = ImageSpec(name: "restic", repository: "restic/restic", defaultTag: "0.18.0", minimumVersion: "0.17.0")
    public static let images = [restic]

    static let repository = OptionKey(
        "repository", .hostPath(allowEmpty: false), default: "/opt/restic-repo",
        "Host folder of the restic repository; put it on another disk, or sync it off the server.")
    public static let options: [any OptionDeclaration] = [repository]

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    public func assertions(in context: StackContext) -> [Assertion] {
        [
            assertion(
                !HostPath.isUnder(options[Self.repository], context.dataRoot), Self.repository,
                "must not be under data_root \(context.dataRoot): the repository would back itself up")
        ]
    }
}
