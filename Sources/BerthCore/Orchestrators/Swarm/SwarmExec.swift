import ServicePlugin

/// A command run in the container of a service's task on the node at hand.
enum SwarmExec {
    /// Shell that sets `id` to a container on this node of the task's service named by the shell word `service`.
    static func findContainer(_ service: String) -> String {
        #"id=$(docker ps -q --filter "label=com.docker.swarm.service.name="# + service + #"" | head -n1)"#
    }

    static let script =
        #"s=$1; shift; "# + findContainer("$s")
        + #"; [ -n "$id" ] || { echo "no container of $s on this node" >&2; exit 125; }; exec docker exec -i "$id" "$@""#

    static func command(_ remote: Remote, stack: String, service: String, argv: [String]) -> ShellCommand {
        remote.script(script, ["\(stack)_\(service)"] + argv)
    }
}
