import ServicePlugin

extension ResticEngine {
    /// `restic dump`, bounded as the listing is: an unreachable store fails in 30 s.
    public func readCommand(snapshot: EngineSnapshot, file: String) -> [String]? {
        Self.reachable + ["restic", "dump", snapshot.id, file]
    }

    /// `restic restore ID --target /`: every source back at the container path it was taken from, where the
    /// recovery mounts the new server's folders. `--verify` reads each file back against the snapshot's checksums.
    public func recoverCommand(snapshot: EngineSnapshot) -> [String]? {
        Self.reachable + ["restic", "restore", snapshot.id, "--target", "/", "--verify", "--quiet"]
    }
}
