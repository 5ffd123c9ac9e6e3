import ServicePlugin

extension DeploySession {
    /// The containers of this environment's project that ran before the deploy, by name, as preflight listed them.
    func ownContainers(_ facts: PreflightFacts) -> [String] {
        facts.containers.filter { $0.project == stack.context.name && !ForeignHolders.isForeign($0, stack: stack, root: remote.root) }.map(\.name).sorted()
    }

    /// `$1` the project, then the names of its containers to keep: every other container of the project goes, and
    /// then its networks that nothing uses any more (a network still in use refuses to go, and stays).
    static let removeCreatedScript = #"""
        project=$1; shift
        docker ps -a --filter "label=com.docker.compose.project=$project" --format '{{.ID}} {{.Names}}' | while read -r id name; do
          keep=
          for k in "$@"; do [ "$k" = "$name" ] && keep=1; done
          [ -n "$keep" ] || docker rm -f "$id" >/dev/null || exit 1
        done || exit 1
        for n in $(docker network ls -q --filter "label=com.docker.compose.project=$project"); do docker network rm "$n" >/dev/null 2>&1 || true; done
        """#

    /// Removes what a failed first deploy created: every container of the project but those in `keeping`.
    func removeCreatedCommand(keeping: [String]) -> ShellCommand {
        remote.script(Self.removeCreatedScript, [stack.context.name] + keeping)
    }

    /// Runs ``removeCreatedCommand(keeping:)``.
    func removeCreated(keeping: [String]) async throws {
        try await runner.check(removeCreatedCommand(keeping: keeping), timeout: 120, what: "removing the containers of the failed first deploy")
    }
}
