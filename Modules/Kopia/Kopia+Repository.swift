import ServicePlugin

extension Kopia {
    /// Where a folder repository, and the `sftp_keys` folder, are mounted in the server's container.
    static let mounts = (repository: "/repository", sftpKeys: "/app/ssh")

    /// The repository the server connects to; nil when `rclone_config` is set, where the admin connects the rclone
    /// remote by hand once and Berth must not replace that connection with one of its own.
    var repository: BackupRepository? {
        guard options[Self.rcloneConfig] == nil else { return nil }
        // The config reader has checked the text against `schemes`.
        return (try? BackupRepository.parse(options[Self.repository], allowed: Self.schemes).get()) ?? .folder(options[Self.repository])
    }

    /// The host folders the repository needs: itself when it is one, the key folder for sftp:.
    var repositoryMounts: [VolumeMount] {
        switch repository {
        case .folder(let folder)?: [VolumeMount(folder, Self.mounts.repository, role: .host)]
        case .sftp?: options[Self.sftpKeys].map { [VolumeMount($0, Self.mounts.sftpKeys, readOnly: true, role: .host)] } ?? []
        default: []
        }
    }

    /// The server's entrypoint: connect to the repository, make it when there is none, then run the command
    /// (`server start …`) as Kopia itself. A repository that cannot be reached stops the container here, so the deploy's
    /// health gate reports it instead of a server that answers with no repository behind it.
    func entrypoint(_ context: RenderContext) -> [String]? {
        guard let repository else { return nil }
        let backend = ShellQuote.line(repository.kopiaBackend(mounts: Self.mounts))
        let connect = "kopia repository connect \(backend) || kopia repository create \(backend)"
        let run = "exec kopia \"$@\""
        // On Swarm one server task per node starts at once, and two `create` on one shared folder race: there a lock
        // folder (mkdir is atomic) lets one go first. An off-site store has no folder to lock; the second create fails on
        // the first's format blob, and the task's restart connects.
        guard context.stack.swarm, repository.scheme == .folder else { return ["/bin/sh", "-c", "\(connect) || exit 1; \(run)", "kopia"] }
        let lock = "\(Self.mounts.repository)/.berth-init"
        return [
            "/bin/sh", "-c",
            "n=0; until mkdir \(lock) 2>/dev/null; do n=$((n+1)); [ $n -lt 60 ] || break; sleep 1; done; "
                + "{ \(connect); }; ok=$?; rmdir \(lock) 2>/dev/null; [ $ok -eq 0 ] || exit 1; \(run)",
            "kopia",
        ]
    }

    /// A folder repository inside `data_root` would back itself up; an sftp: one needs its key and host key.
    func repositoryAssertions(_ context: StackContext) -> [Assertion] {
        let given = options[Self.repository]
        var found = [
            assertion(
                options[Self.rcloneConfig] == nil || given == Self.defaultRepository, Self.repository,
                "names a repository, and rclone_config another one (the rclone remote connected by hand): leave one of them out")
        ]
        switch repository {
        case .folder(let folder)?:
            found.append(
                assertion(
                    !HostPath.isUnder(folder, context.dataRoot), Self.repository,
                    "must not be under data_root \(context.dataRoot): the repository would back itself up"))
        case .sftp?:
            found.append(
                assertion(
                    options[Self.sftpKeys] != nil, Self.sftpKeys,
                    "must name the host folder holding id_ed25519 and known_hosts: an sftp: repository is reached with a key only"))
        default:
            break
        }
        return found
    }
}
