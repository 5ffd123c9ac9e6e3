import ServicePlugin

extension DumpRestorer {
    /// Puts a consistent copy in its live file's place, once the snapshot's folders are back: the torn live file and
    /// its companions (SQLite's WAL) came back from the snapshot too, and are replaced or removed.
    static let putBackScript = """
        set -u
        live=$1 copy=$2; shift 2
        [ -s "$copy" ] || { echo "the snapshot holds no consistent copy at $copy" >&2; exit 50; }
        rm -f "$@" || exit 51
        mv -f "$copy" "$live" || exit 51
        """

    static let putBackFailures: [Int32: String] = [
        50: "no consistent copy to put back (was the backup's before-hook run?)",
        51: "cannot move the copy into place",
    ]

    func putBack(_ copy: ConsistentCopy, module moduleID: String) async -> BackupStep {
        await backup.timed(.restore, module: moduleID, name: copy.live) {
            let result = try await backup.runner.run(backup.remote.script(Self.putBackScript, [copy.live, copy.copy] + copy.companions), timeout: 600)
            guard result.succeeded else { return (false, nil, "\(Self.putBackFailures[result.status] ?? "exit \(result.status)")\(CheckRunner.firstLine(result.stderr))") }
            return (true, nil, "put the consistent copy \(copy.copy) in place")
        }
    }
}
