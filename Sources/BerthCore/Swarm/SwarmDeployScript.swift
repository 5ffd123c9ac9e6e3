import ServicePlugin

/// `deploy.sh` on the manager: exports each module's `.env` under its prefix, then `docker stack deploy`.
///
/// Secrets are interpolated here, on the manager, from the `.env` files that never leave it; they end up
/// in the services' specs in Swarm's raft store (encrypted at rest), and never in Berth's output.
public enum SwarmDeployScript {
    public static let fileName = "deploy.sh"

    public static func render(_ stack: Stack) -> String {
        let modules = stack.modules.map(\.id)
        return """
            #!/bin/sh
            # Rendered by Berth. Deploys the Swarm stack in this folder; run it on a manager.
            set -eu
            cd "$(dirname "$0")"
            # load MODULE PREFIX: each KEY=value of MODULE/.env becomes PREFIX__KEY for stack.yaml's ${...}.
            load() {
              [ -f "$1/.env" ] || return 0
              while IFS= read -r line || [ -n "$line" ]; do
                case $line in '' | '#'*) continue ;; esac
                key=${line%%=*} value=${line#*=}
                case $value in \\"*\\") value=${value#\\"} value=${value%\\"} ;; \\'*\\') value=${value#\\'} value=${value%\\'} ;; esac
                export "$2__$key=$value"
              done <"$1/.env"
            }

            """
                + modules.map { "load \($0) BERTH_\(StackFileRenderer.prefix($0))\n" }.joined()
                + "exec docker stack deploy --detach=true --with-registry-auth --prune -c \(StackFileRenderer.fileName) \(stack.context.name)\n"
    }
}
