import ServicePlugin

extension ResticEngine {
    /// `restic forget --prune` with the `--keep-*` of `backup_keep:`, bounded by the same 30 s look at the store.
    func forget(_ keep: BackupKeep) -> [String] {
        Self.reachable + ["restic", "forget", "--prune", "--keep-daily", String(keep.daily), "--keep-weekly", String(keep.weekly), "--keep-monthly", String(keep.monthly)]
    }

    /// The repository, then the second one: a folder on the server pruned there by the engine's container, with the
    /// server's own access (a folder has no append-only login); a store off the server from this machine, with PRUNE_ keys.
    public func pruneRuns(keep: BackupKeep) -> [PruneRun] {
        var runs: [PruneRun] = []
        if let first = pruneRepository ?? Optional(repository) {
            runs.append(run(first, prefix: "PRUNE_", keep: keep, onServer: forget(keep)))
        }
        if let copy = copyPruneRepository {
            let onServer = ["/bin/sh", "-c", #"RESTIC_REPOSITORY="$COPY_RESTIC_REPOSITORY" exec "$@""#, "copy"] + forget(keep)
            runs.append(run(copy, prefix: "COPY_PRUNE_", keep: keep, onServer: onServer))
        }
        return runs
    }

    func run(_ repository: BackupRepository, prefix: String, keep: BackupKeep, onServer: [String]) -> PruneRun {
        guard repository.scheme != .folder else { return PruneRun(repository: repository.description, place: .server, argv: onServer, program: "restic") }
        let credentials = repository.resticCredentials().map { key in EnvironmentEntry(key.name, .variable(prefix + key.name, required: key.required)) }
        return PruneRun(
            repository: repository.description, place: .here, argv: forget(keep), program: "restic",
            environment: [
                EnvironmentEntry("RESTIC_REPOSITORY", .text(repository.description)),
                EnvironmentEntry("RESTIC_PASSWORD", .variable("RESTIC_PASSWORD", required: true)),
            ] + credentials)
    }

    public var adminKeys: [EnvKey] {
        let what = "for the admin's prune, with the right to delete: only in secrets:, never on the server"
        return (pruneRepository ?? repository).resticCredentials(prefix: "PRUNE_", what: "the repository, \(what)")
            + (copyPruneRepository?.resticCredentials(prefix: "COPY_PRUNE_", what: "the second repository, \(what)") ?? [])
    }
}
