import ServicePlugin

/// restic, a second backup engine: snapshots data_root, the deploy tree and the dumps into a local repository.
public struct Restic: BackupToolProvider {
    public static let id = "restic"
    public static let summary = "Backup engine (restic): snapshots data_root, the deploy tree and the dumps into a repository folder"

    static let restic = ImageSpec(name: "restic", repository: "restic/restic", defaultTag: "0.18.0", minimumVersion: "0.17.0")
    public static let images = [restic]

    /// The kinds of repository restic reaches here.
    static let schemes: [BackupRepository.Scheme] = [.folder, .s3, .rest, .sftp]
    static let repository = OptionKey(
        "repository", .backupRepository(schemes), default: "/opt/restic-repo",
        "The restic repository: a host folder, or off the server (`s3:https://HOST/BUCKET/PREFIX` with AWS_ACCESS_KEY_ID and "
            + "AWS_SECRET_ACCESS_KEY in .env, `rest:https://HOST/PATH/` with RESTIC_REST_USERNAME and RESTIC_REST_PASSWORD, "
            + "`sftp:USER@HOST:/PATH`), where losing the server does not lose the backups.")
    public static let options: [any OptionDeclaration] = [repository]

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    /// The repository as `berth.yaml` names it (the config reader has checked it).
    var repository: BackupRepository {
        (try? BackupRepository.parse(options[Self.repository], allowed: Self.schemes).get()) ?? .folder(options[Self.repository])
    }

    public func assertions(in context: StackContext) -> [Assertion] {
        guard case .folder(let folder) = repository else { return copyAssertions(context) }
        return copyAssertions(context) + [
            assertion(
                !HostPath.isUnder(folder, context.dataRoot), Self.repository,
                "must not be under data_root \(context.dataRoot): the repository would back itself up")
        ]
    }
}
