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
    static let pruneRepository = OptionKey<String?>(
        "prune_repository", .backupRepository(schemes),
        unsetByDefault: "Where `berth backup prune` reaches the repository from the admin's machine, with PRUNE_ keys that may delete "
            + "(PRUNE_AWS_ACCESS_KEY_ID and PRUNE_AWS_SECRET_ACCESS_KEY, or PRUNE_RESTIC_REST_USERNAME and PRUNE_RESTIC_REST_PASSWORD, from secrets: "
            + "only); unset: the repository itself. A REST server served --append-only to the server needs a second address here.")
    static let copyPruneRepository = OptionKey<String?>(
        "copy_prune_repository", .backupRepository(schemes),
        unsetByDefault: "The same for backup_copy_to:, with COPY_PRUNE_ keys; unset: backup_copy_to: itself.")
    public static let options: [any OptionDeclaration] = [repository, pruneRepository, copyPruneRepository]

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
