import ServicePlugin

extension Rollout {
    /// The rollout through a ``LiveFile``: the file lists old and new, then the new one alone; each time the
    /// proxy's API must show it before the next step, and only then does the old container get SIGTERM.
    func fileCommand(_ file: LiveFile, _ remote: Remote) -> ShellCommand {
        let (kind, port, path) = probeArguments
        return remote.changingScript(Self.fileScript, [remote.root, service, project, proxy] + Self.fileArguments(file) + [kind, port, path, String(timeout)], shared: true)
    }

    /// Lists the service's running containers in the file (after `up` created or recreated one), and waits until the proxy routes to them.
    func fileAttachCommand(_ file: LiveFile, _ remote: Remote) -> ShellCommand {
        remote.changingScript(Self.fileAttach, [remote.root, service, project, proxy] + Self.fileArguments(file))
    }

    static func fileArguments(_ file: LiveFile) -> [String] {
        [file.path, file.header, file.server, file.loadedURL, file.loadedEntry]
    }

    /// Writes the file, and reads what the proxy routes to. Needs `file`, `header`, `server`, `url`, `entry` and `proxy`.
    static let fileFunctions = #"""
        # publish NAME...: the file lists exactly these containers (written beside, then renamed: the proxy never reads half a file).
        publish() {
          tmp="$file.tmp.$$"
          { printf '%s\n' "$header"; for c in "$@"; do printf '%s\n' "$server" | sed "s|{container}|$c|g"; done; } >"$tmp"
          if cmp -s "$tmp" "$file"; then rm -f "$tmp"; else mv "$tmp" "$file"; fi
        }
        # routes NAME... [-- GONE...]: the proxy's API names every NAME and no GONE.
        routes() {
          seen=$(docker exec "$proxy" wget -q -O - "$url" 2>/dev/null) || return 1
          want=1
          for c in "$@"; do
            [ "$c" != -- ] || { want=0; continue; }
            e=$(printf '%s' "$entry" | sed "s|{container}|$c|g")
            case "$seen" in *"$e"*) [ "$want" = 1 ] || return 1 ;; *) [ "$want" = 0 ] || return 1 ;; esac
          done
        }
        # await_routes ARGS...: routes ARGS within 30 s, else status 1.
        await_routes() {
          limit=$(( $(date +%s) + 30 ))
          until routes "$@"; do
            [ "$(date +%s)" -lt "$limit" ] || return 1
            sleep 0.2
          done
        }
        """#

    static let fileScript =
        #"""
        set -eu
        cd "$1"; svc=$2; project=$3; proxy_svc=$4; file=$5; header=$6; server=$7; url=$8; entry=$9; kind=${10}; port=${11}; path=${12}; timeout=${13}
        """# + "\n" + beside + "\n" + fileFunctions + "\n"
            + #"""
            await_healthy
            publish "$oldname" "$newname"
            if ! await_routes "$oldname" "$newname"; then
              publish "$oldname"; docker rm -f "$new" >/dev/null
              echo "rollout $svc: the proxy never routed to $newname; removed it, $oldname still serves" >&2
              exit 1
            fi
            publish "$newname"
            if ! await_routes "$newname" -- "$oldname"; then
              publish "$oldname"; docker rm -f "$new" >/dev/null
              echo "rollout $svc: the proxy kept routing to $oldname; removed $newname, $oldname still serves" >&2
              exit 1
            fi
            echo "rollout $svc: $newname healthy and live, $oldname out of the proxy; stopping it"
            # Requests the proxy sent it before the switch finish first.
            sleep 1
            docker stop -t 10 "$old" >/dev/null && docker rm "$old" >/dev/null
            echo "rollout $svc: done"
            """#

    static let fileAttach =
        #"""
        set -eu
        cd "$1"; svc=$2; project=$3; proxy_svc=$4; file=$5; header=$6; server=$7; url=$8; entry=$9
        proxy=$(docker ps -q --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$proxy_svc" | head -n1)
        """# + "\n" + fileFunctions + "\n"
            + #"""
            set --
            for c in $(docker compose ps -q "$svc"); do set -- "$@" "$(docker inspect -f '{{.Name}}' "$c" | sed 's|^/||')"; done
            [ "$#" -gt 0 ] || exit 0
            publish "$@"
            await_routes "$@" || { echo "attaching $svc: the proxy does not route to $* within 30 s" >&2; exit 1; }
            """#
}
