import Foundation
import ServicePlugin

/// Checks the target before anything changes, in one round trip: SSH with a known host key, Docker and what the
/// orchestrator needs of it (Compose v2, a Swarm manager), rsync, every required `.env` key present and non-empty
/// (read as key names only), a shared proxy's network, a rootless engine's ports and owners, foreign containers on
/// the stack's ports and folders, database clusters of another major, and the folders' owners.
public struct Preflight: Sendable {
    public let remote: Remote
    public let runner: any CommandRunner
    /// The compose project a deploy takes over: its containers hold the stack's ports and folders until the switch.
    public var adopting: String?

    public init(remote: Remote, runner: any CommandRunner, adopting: String? = nil) {
        self.remote = remote
        self.runner = runner
        self.adopting = adopting
    }

    /// Prints tool versions, then for each `.env` path the keys that hold a value; values never leave the server.
    ///
    /// `docker info` and `docker compose version` (each a start of the CLI) run side by side.
    static let script = """
        compose=$(mktemp) || exit 1
        holders=$(mktemp) || exit 1
        docker compose version --short > "$compose" 2>/dev/null & pid=$!
        { ids=$(docker ps -aq 2>/dev/null); [ -z "$ids" ] || docker inspect --format '\(EngineContainer.inspectFormat)' $ids; } > "$holders" 2>/dev/null & hpid=$!
        printf 'docker=%s\\n' "$(docker info --format '{{.ServerVersion}}|{{range .SecurityOptions}}{{.}},{{end}}|{{.Swarm.LocalNodeState}}/{{.Swarm.ControlAvailable}}' 2>/dev/null)"
        wait "$pid"
        printf 'compose=%s\\n' "$(cat "$compose")"
        rm -f "$compose"
        wait "$hpid"
        sed 's/^/container=/' "$holders"
        rm -f "$holders"
        printf 'rsync=%s\\n' "$(command -v rsync)"
        printf 'flock=%s\\n' "$(command -v flock)"
        printf 'dockerhost=%s\\n' "$(docker context inspect --format '{{.Endpoints.docker.Host}}' 2>/dev/null)"
        printf 'portstart=%s\\n' "$(cat /proc/sys/net/ipv4/ip_unprivileged_port_start 2>/dev/null)"
        printf 'subuid=%s\\n' "$(grep "^$(id -un):" /etc/subuid 2>/dev/null | head -n1)"
        for f in "$@"; do
          case "$f" in
            net:*) docker network inspect "${f#net:}" >/dev/null 2>&1 && printf 'network=%s\\n' "${f#net:}"; continue ;;
            own:*) [ -d "${f#own:}" ] && printf 'owner=%s\\n' "$(stat -c %u "${f#own:}") ${f#own:}"; continue ;;
            pg:*) m=${f#pg:}; \(DatabaseMajors.versionLine); continue ;;
            adopting:*) [ -f "${f#adopting:}" ] && printf 'adopting=%s\\n' "$(head -n1 "${f#adopting:}")"; continue ;;
          esac
          if [ -f "$f" ]; then
            printf 'file=%s\\n' "$f"
            sed -n -e "s/^[[:space:]]*\\(export[[:space:]][[:space:]]*\\)\\{0,1\\}\\([A-Za-z_][A-Za-z0-9_]*\\)[[:space:]]*=[[:space:]]*\\([^[:space:]\\"']\\|\\"[^\\"]\\|'[^']\\).*/key=\\2/p" "$f"
          else
            printf 'missing=%s\\n' "$f"
          fi
        done
        """

    /// The one probe, as a value: tool versions and, for each module with an env schema, its `.env` file.
    public static func command(_ stack: Stack, remote: Remote) -> ShellCommand {
        remote.script(script, arguments(stack, remote: remote))
    }

    static func arguments(_ stack: Stack, remote: Remote) -> [String] {
        let networks = stack.sharedProxy?.network.map { ["net:\($0)"] } ?? []
        let owned = PreflightRootless.ownedFolders(stack).map { "own:\($0.folder)" }
        let databases = DatabaseMajors.folders(stack).map { "pg:\($0)" }
        return envFiles(stack, remote: remote).map(\.path) + networks + owned + databases + ["adopting:" + AdoptionSwitch.marker(remote)]
    }

    static func envFiles(_ stack: Stack, remote: Remote) -> [(module: StackModule, path: String)] {
        stack.modules.filter { !$0.envSchema.isEmpty }.map { ($0, "\(remote.root)/\($0.id)/.env") }
    }

    /// Runs the probe; returns what it found of the engine, for the steps that depend on it.
    @discardableResult
    public func run(_ stack: Stack) async throws -> PreflightFacts {
        try await run(stack, probing: nil).facts
    }

    /// Runs the probe and, given the stack's image references, the no-op probe in the same round trip.
    ///
    /// Also returns the stack it checked: rebuilt for the socket the target's engine listens on where the
    /// environment names none (``TargetSocket/adapt(_:host:)``), as the deploy renders it; and what it found
    /// worth saying that does not stop a deploy (a foreign read-only mount of a data folder).
    public func run(_ stack: Stack, probing references: [String]?) async throws -> (facts: PreflightFacts, probe: NoOpProbe?, stack: Stack, warnings: [String]) {
        let command = references.map { Self.command(stack, remote: remote, probing: $0) } ?? Self.command(stack, remote: remote)
        let result = try await runner.run(command, timeout: Double(remote.ssh.connectTimeout) + 30)
        if !result.succeeded { throw Self.connectionError(result, remote: remote) }
        let (preflight, probe) = Self.split(result.stdout)
        let facts = PreflightFacts(preflight)
        let adapted = TargetSocket.adapt(stack, host: facts.dockerHost)
        let warnings = try await check(adapted, facts: facts)
        return (facts, references == nil ? nil : NoOpProbe(probe ?? ""), adapted, warnings)
    }

    /// Throws every problem at once; returns the warnings.
    private func check(_ stack: Stack, facts: PreflightFacts) async throws -> [String] {
        let holders = ForeignHolders.findings(facts.containers, stack: stack, root: remote.root, adopting: adopting)
        var problems =
            Self.problems(
                facts, files: Self.envFiles(stack, remote: remote), orchestrator: stack.orchestrator, environment: stack.environment.name,
                provided: stack.config.secretKeys(stack.environment.name)) + Self.sharing(facts, stack) + PreflightRootless.problems(facts, stack)
            + holders.problems + DatabaseMajors.problems(facts.databaseVersions, stack: stack, containers: facts.containers)
        if problems.isEmpty { problems = try await servedByOwner(stack) }
        if !problems.isEmpty {
            throw BerthError.failed("preflight on \(remote.name) failed; nothing was changed:\n  " + problems.joined(separator: "\n  "))
        }
        return holders.warnings
    }

    /// Every problem the probe's answer shows, in a fixed order.
    ///
    /// Keys a `secrets:` command provides count as set: the deploy writes them before anything starts.
    static func problems(
        _ facts: PreflightFacts, files: [(module: StackModule, path: String)], orchestrator: any Orchestrator = ComposeOrchestrator(), environment: String = "ENV",
        provided: Set<String> = []
    ) -> [String] {
        var problems: [String] = []
        if facts.dockerVersion.isEmpty { problems.append("docker: the Docker engine is not installed or not reachable for this user") }
        problems += orchestrator.problems(facts)
        if (facts.tools["rsync"] ?? "").isEmpty { problems.append("rsync: not installed on the target") }
        for (module, file) in files {
            if facts.missingFiles.contains(file) {
                problems.append("\(file): missing; create it on the server with `berth env init --env \(environment)` (secrets are generated there)")
                continue
            }
            let present = facts.keys[file] ?? []
            for key in module.envSchema where key.required && !present.contains(key.name) && !provided.contains("\(module.id).\(key.name)") {
                let fix = key.generator != nil ? "berth env init --env \(environment)" : "berth env set \(environment) \(module.id) \(key.name)"
                problems.append("\(file): \(key.name) is missing or empty; set it with `\(fix)`")
            }
        }
        return problems
    }

    /// A sharing environment needs the owner's proxy network, which only the owner's deploy creates.
    static func sharing(_ facts: PreflightFacts, _ stack: Stack) -> [String] {
        guard let shared = stack.sharedProxy, let network = shared.network, !facts.networks.contains(network) else { return [] }
        return [
            "network \(network): missing; environments.\(stack.environment.name) routes through the proxy of \(shared.environment), which creates it: deploy \(shared.environment) first (`berth deploy \(shared.environment)`)"
        ]
    }

    /// Turns ssh's failure into a message that says what to do.
    static func connectionError(_ result: CommandResult, remote: Remote) -> BerthError {
        let stderr = result.stderr
        if stderr.contains("Host key verification failed") || stderr.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") || stderr.contains("No ED25519 host key is known")
            || stderr.contains("host key")
        {
            return .failed(
                "ssh: refusing \(remote.name): its host key is unknown or has changed (strict host-key checking is on; check the known_hosts file\(remote.ssh.knownHosts.map { " \($0)" } ?? ""))")
        }
        if result.status == 255 {
            return .failed("ssh: cannot reach \(remote.name): \(stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return .failed("preflight on \(remote.name) failed (exit \(result.status)): \(stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
}
