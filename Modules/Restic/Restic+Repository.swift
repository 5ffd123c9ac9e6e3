import ServicePlugin

extension BackupRepository {
    /// What `RESTIC_REPOSITORY` holds for this repository in the engine's container (a folder is mounted at `mount`).
    func resticLocation(mount: String) -> String {
        switch self {
        case .folder: mount
        default: description
        }
    }

    /// The folder mounted at `mount`, when the repository is one on the server.
    func resticMounts(at mount: String) -> [VolumeMount] {
        guard case .folder(let folder) = self else { return [] }
        return [VolumeMount(folder, mount, role: .host)]
    }

    /// The container's variables of ``resticCredentials(prefix:what:)``, each read from the `.env` key of its name.
    func resticCredentialEntries(prefix: String = "") -> [EnvironmentEntry] {
        resticCredentials(prefix: prefix).map { EnvironmentEntry($0.name, .variable($0.name, required: $0.required)) }
    }

    /// The `.env` keys restic reads this repository's credentials from, each name after `prefix`.
    func resticCredentials(prefix: String = "", what: String = "the repository") -> [EnvKey] {
        switch self {
        case .s3:
            [
                EnvKey(prefix + "AWS_ACCESS_KEY_ID", "S3 access key of \(what): one that may write but not delete, where the store allows it.", secret: true),
                EnvKey(prefix + "AWS_SECRET_ACCESS_KEY", "S3 secret key of \(what).", secret: true),
            ]
        case .rest:
            [
                .optional(prefix + "RESTIC_REST_USERNAME", "REST server user of \(what) (served --append-only, it cannot delete)."),
                .optional(prefix + "RESTIC_REST_PASSWORD", "REST server password of \(what).", secret: true),
            ]
        default:
            []
        }
    }
}
