import ServicePlugin

extension BackupRepository {
    /// The backend and its flags for `kopia repository connect|create`, as Kopia 0.23 takes them. A folder repository and
    /// an sftp: one's key folder are where `mounts` puts them in the container. No credential is among them: Kopia reads
    /// those from the variables of ``kopiaCredentials()``, so they stay out of the rendered command line.
    func kopiaBackend(mounts: (repository: String, sftpKeys: String)) -> [String] {
        switch self {
        case .folder:
            return ["filesystem", "--path=\(mounts.repository)"]
        case .s3(let endpoint, let bucket, let prefix):
            // Kopia wants HOST[:PORT] and a flag for plain HTTP; its prefix is a plain key prefix, so the trailing
            // slash makes it a folder of the bucket, as restic's path is.
            let plain = endpoint.hasPrefix("http://")
            let host = String(endpoint.drop { $0 != "/" }.drop { $0 == "/" })
            return ["s3", "--bucket=\(bucket)", "--endpoint=\(host)"] + (prefix.isEmpty ? [] : ["--prefix=\(prefix)/"])
                + (plain ? ["--disable-tls"] : [])
        case .webdav(let url):
            return ["webdav", "--url=\(url)"]
        case .sftp(let user, let host, let path):
            return [
                "sftp", "--path=\(path)", "--host=\(host)", "--username=\(user)",
                "--keyfile=\(mounts.sftpKeys)/id_ed25519", "--known-hosts=\(mounts.sftpKeys)/known_hosts",
            ]
        case .rest:
            // Not among Kopia's schemes: the option's type refuses it before a module sees it.
            preconditionFailure("kopia has no rest: backend")
        }
    }

    /// The `.env` keys Kopia reads this repository's login from: the variables its backend flags fall back to.
    func kopiaCredentials() -> [EnvKey] {
        switch self {
        case .s3:
            [
                EnvKey("AWS_ACCESS_KEY_ID", "S3 access key of the Kopia repository: one that may write but not delete, where the store allows it.", secret: true),
                EnvKey("AWS_SECRET_ACCESS_KEY", "S3 secret key of the Kopia repository.", secret: true),
            ]
        case .webdav:
            [
                // Kopia asks for a password on a terminal when it has a user without one: set both, or neither.
                .optional("KOPIA_WEBDAV_USERNAME", "WebDAV user of the Kopia repository (with KOPIA_WEBDAV_PASSWORD, or neither).", secret: true),
                .optional("KOPIA_WEBDAV_PASSWORD", "WebDAV password of the Kopia repository.", secret: true),
            ]
        default:
            []
        }
    }

    /// The container's variables of ``kopiaCredentials()``, each read from the `.env` key of its name.
    func kopiaCredentialEntries() -> [EnvironmentEntry] {
        kopiaCredentials().map { EnvironmentEntry($0.name, .variable($0.name, required: $0.required)) }
    }
}
