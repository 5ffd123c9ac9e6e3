import ServicePlugin

extension RemovalCommands {
    /// `--purge`'s steps: on each machine that holds the stack's data, its named volumes and folders; then the deploy
    /// folder with its `.env` files, and the deploy lock inside it.
    func purgeSteps() -> [RemovalStep] {
        let data = stack.orchestrator.dataHolders(stack, remote: remote).map { holder in
            RemovalStep(
                "data" + (holder.node.map { " on \($0)" } ?? ""),
                holder.remote.script(Self.purgeDataScript, [holder.label, holder.roots.joined(separator: "\n")] + holder.folders),
                timeout: 600, what: "deleting the data of \(stack.environment.name) on \(holder.node ?? remote.name)", node: holder.node)
        }
        let folder = RemovalStep(
            "deploy folder", remote.script(Self.deployFolderScript, [remote.root]), timeout: 600, what: "deleting the deploy folder \(remote.root) on \(remote.name)")
        return data + [folder]
    }

    /// What `--purge` deletes, one line each, for the question it asks first.
    public var purgeSummary: [String] {
        let holders = stack.orchestrator.dataHolders(stack, remote: remote)
        return holders.flatMap { holder in
            let place = holder.node.map { " on \($0)" } ?? ""
            return holder.folders.map { $0 + place } + ["the named volumes labelled \(holder.label)\(place)"]
        } + ["\(remote.root) (the deploy folder, with its .env files)"]
    }

    /// `$1` the stack's label, `$2` the roots (one a line), then the folders. Waits until no container of the stack is
    /// left (Swarm removes a node's task containers after the stack), then deletes the stack's named volumes, the
    /// folders (and files: the backup's manifest), and each parent the deletion left empty, up to a root.
    static let purgeDataScript = #"""
        set -u
        label=$1 roots=$2; shift 2
        under() { printf '%s\n' "$roots" | { while IFS= read -r r; do [ -n "$r" ] && case "$1" in "$r" | "$r"/*) exit 0 ;; esac; done; exit 1; }; }
        i=0
        while [ -n "$(docker ps -aq --filter "label=$label" 2>/dev/null)" ]; do
          i=$((i + 1)); [ "$i" -lt 120 ] || { echo "containers labelled $label are still there after 60 s" >&2; exit 4; }
          sleep 0.5
        done
        for v in $(docker volume ls -q --filter "label=$label" 2>/dev/null); do docker volume rm "$v" >/dev/null || exit 5; echo "volume $v"; done
        for f in "$@"; do
          case "$f" in /?*) ;; *) continue ;; esac
          if [ -e "$f" ]; then k=file; [ ! -d "$f" ] || k=folder; rm -rf -- "$f" || exit 6; echo "$k $f"; fi
          p=$(dirname -- "$f")
          while [ "$p" != / ] && under "$p" && rmdir -- "$p" 2>/dev/null; do echo "folder $p"; p=$(dirname -- "$p"); done
        done
        true
        """#

    /// `$1` the deploy folder: the folders a migration retired (kept until a backup, listed in `.berth/retired`), every
    /// `.env` file it holds (named, never read), then the folder itself, records and lock included.
    static let deployFolderScript = #"""
        set -u
        root=$1
        case "$root" in /?*) ;; *) echo "refusing to delete '$root': not an absolute folder below /" >&2; exit 2 ;; esac
        [ -d "$root" ] || exit 0
        if [ -f "$root/.berth/retired" ]; then
          while IFS= read -r d; do
            case "$d" in /?*) [ ! -e "$d" ] || { rm -rf -- "$d" || exit 6; echo "folder $d"; } ;; esac
          done <"$root/.berth/retired"
        fi
        find "$root" -name .env -type f 2>/dev/null | sort | sed 's/^/file /'
        rm -rf -- "$root" || exit 6
        echo "folder $root"
        """#
}
