import ServicePlugin

/// The checksum of every data file, written beside the dumps right before the snapshot, so the snapshot holds
/// the record `berth backup verify --full` checks a recovery against.
///
/// `data_root` is read less the modules' exclusions (a database's live folder: its dump covers it), as the snapshot is.
enum FileManifest {
    /// Where the manifest lies on the server: in the dumps folder, which every snapshot holds.
    static func path(_ context: StackContext) -> String { "\(context.dumpsDir)/berth-files.sha256" }

    /// `sha256sum` lines (`HASH  ./relative/path`), sorted by path; `$3…` are the folders left out.
    static let script = """
        set -u
        root=$1 out=$2; shift 2
        cd "$root" 2>/dev/null || { echo "no data folder $root" >&2; exit 3; }
        mkdir -p "$(dirname "$out")" || exit 3
        n=$#
        for skip in "$@"; do set -- "$@" -path "./${skip#"$root"/}" -prune -o; done
        shift "$n"
        find . "$@" -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum > "$out.partial" || { rm -f "$out.partial"; exit 16; }
        mv -f "$out.partial" "$out"
        """

    static let failures: [Int32: String] = [3: "the data folder or the dumps folder is missing", 16: "reading the data files failed"]

    /// The script's arguments for this stack: its data root, the manifest (`out`, else ``path(_:)``), and the
    /// exclusions under the data root.
    static func arguments(_ stack: Stack, out: String? = nil) -> [String] {
        [stack.context.dataRoot, out ?? path(stack.context)]
            + stack.backupExclusions.filter { HostPath.isUnder($0, stack.context.dataRoot) && $0 != stack.context.dataRoot }
    }

    /// Reads a manifest: relative path → checksum.
    static func read(_ text: String) -> [String: String] {
        var files: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            files[String(parts[1].drop { $0 == " " || $0 == "*" })] = String(parts[0])
        }
        return files
    }

    /// Each file missing on one side or with another checksum, named.
    static func differences(recorded: [String: String], found: [String: String]) -> [String] {
        recorded.differences(from: found) { file, recorded, found in
            recorded == nil ? "\(file) is not in the backup's record" : found == nil ? "\(file) is missing" : "\(file) differs from the backup's record"
        }
    }
}
