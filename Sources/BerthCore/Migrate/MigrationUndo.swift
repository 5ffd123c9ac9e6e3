import ServicePlugin

/// How one performed migration step is taken back, as data: recorded with the release that performed it, so that a
/// failed deploy and a later `berth rollback` undo exactly what was done.
public enum MigrationUndo: Codable, Sendable, Equatable {
    /// The folder moved to `into` goes back to `from`.
    case moveBack(from: String, into: String)
    /// The module's data folder is made the copy again (`rsync --delete`), leaving out the named database folders.
    case checkpoint(folder: String, copy: String, excluding: [String])
    /// The kept folder of the old major comes back; the one that served moves to `aside`.
    case database(folder: String, kept: String, aside: String)

    /// The command that undoes it on `remote`.
    func command(_ remote: Remote) -> ShellCommand {
        switch self {
        case .moveBack(let from, let into):
            remote.script(#"[ -e "$2" ] || exit 0; [ ! -e "$1" ] || rmdir "$1" 2>/dev/null || { echo "$1 is in the way" >&2; exit 52; }; mv "$2" "$1""#, [from, into])
        case .checkpoint(let folder, let copy, let excluding):
            remote.command(
                [.plain("rsync"), .plain("-a"), .plain("--delete")] + MigrationCommands.excludes(excluding).map(ShellCommand.Argument.plain)
                    + [.plain(copy + "/"), .plain(folder + "/")])
        case .database(let folder, let kept, let aside):
            remote.script(DatabaseUpgrade.returnScript, [folder, aside, kept])
        }
    }

    /// The undo in words, for the report.
    public var summary: String {
        switch self {
        case .moveBack(let from, let into): "\(into) back to \(from)"
        case .checkpoint(let folder, let copy, _): "\(folder) from its copy \(copy)"
        case .database(let folder, let kept, _): "\(folder) from the kept \(kept)"
        }
    }
}
