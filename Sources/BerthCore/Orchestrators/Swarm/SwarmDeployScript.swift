import ServicePlugin

/// `deploy.sh` on the manager: exports each module's `.env` under its prefix, then `docker stack deploy`.
///
/// Secrets are interpolated here, on the manager, from the `.env` files that never leave it; they end up
/// in the services' specs in Swarm's raft store (encrypted at rest), and never in Berth's output.
public enum SwarmDeployScript {
    /// The script's name in the deploy folder.
    public static let fileName = "deploy.sh"

    /// The script for `stack`: one `load` per module, then the deploy.
    public static func render(_ stack: Stack) -> String {
        let modules = stack.modules.map(\.id)
        return """
            #!/bin/sh
            # Rendered by Berth. Deploys the Swarm stack in this folder; run it on a manager.
            set -eu
            cd "$(dirname "$0")"
            # load MODULE PREFIX: each KEY=value of MODULE/.env becomes PREFIX__KEY for stack.yaml's ${...}.
            # A line it cannot read stops the deploy with the file and line only: a value is never printed.
            load() {
              [ -f "$1/.env" ] || return 0
              n=0
              while IFS= read -r line || [ -n "$line" ]; do
                n=$((n + 1))
                line=${line%\"$(printf '\\r')\"}
                case $line in '' | '#'*) continue ;; 'export '*) line=${line#export } ;; esac
                key=${line%%=*} value=${line#*=}
                case $key in '' | [0-9]* | *[!A-Za-z0-9_]*)
                  echo "deploy.sh: $1/.env:$n: not KEY=value with a plain KEY; run berth env check" >&2; exit 2 ;;
                esac
                case $value in \\"*\\") value=${value#\\"} value=${value%\\"} ;; \\'*\\') value=${value#\\'} value=${value%\\'} ;; esac
                export "$2__$key=$value"
              done <"$1/.env"
            }

            """
                + modules.map { "load \($0) BERTH_\(SwarmStackFile.prefix($0))\n" }.joined()
                    + """
                    # Docker's CLI waits for the services from version 26 on unless told not to; Berth's gate waits itself.
                    detach=
                    if docker stack deploy --help 2>/dev/null | grep -q -- '--detach'; then detach=--detach=true; fi
                    exec docker stack deploy $detach --with-registry-auth --prune -c \(SwarmStackFile.fileName) \(stack.context.name)

                    """
    }
}
