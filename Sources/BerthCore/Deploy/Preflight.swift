import Foundation
import ServicePlugin

/// Checks the target before anything changes: SSH with a known host key, Docker, Compose v2,
/// rsync, and every required `.env` key present and non-empty (read as key names only).
public struct Preflight: Sendable {
    public let remote: Remote
    public let runner: any CommandRunner

    public init(remote: Remote, runner: any CommandRunner) {
        self.remote = remote
        self.runner = runner
    }

    /// Prints tool versions, then for each `.env` path the keys that hold a value; values never leave the server.
    static let script = """
    printf 'docker=%s\\n' "$(docker version --format '{{.Server.Version}}' 2>/dev/null)"
    printf 'compose=%s\\n' "$(docker compose version --short 2>/dev/null)"
    printf 'rsync=%s\\n' "$(command -v rsync)"
    for f in "$@"; do
      if [ -f "$f" ]; then
        printf 'file=%s\\n' "$f"
        sed -n -e "s/^[[:space:]]*\\(export[[:space:]][[:space:]]*\\)\\{0,1\\}\\([A-Za-z_][A-Za-z0-9_]*\\)[[:space:]]*=[[:space:]]*\\([^[:space:]\\"']\\|\\"[^\\"]\\|'[^']\\).*/key=\\2/p" "$f"
      else
        printf 'missing=%s\\n' "$f"
      fi
    done
    """

    public func run(_ stack: Stack) async throws {
        let modules = stack.modules.filter { !$0.envSchema.isEmpty }
        let files = modules.map { "\(remote.root)/\($0.id)/.env" }
        let result = try await runner.run(remote.script(Self.script, files), timeout: Double(remote.ssh.connectTimeout) + 30)
        if !result.succeeded { throw Self.connectionError(result, remote: remote) }
        var facts: [String: String] = [:]
        var keys: [String: Set<String>] = [:]
        var missingFiles = Set<String>()
        var currentFile = ""
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "file": currentFile = parts[1]; keys[currentFile, default: []] = []
            case "key": keys[currentFile, default: []].insert(parts[1])
            case "missing": missingFiles.insert(parts[1])
            default: facts[parts[0]] = parts[1]
            }
        }
        var problems: [String] = []
        if (facts["docker"] ?? "").isEmpty { problems.append("docker: the Docker engine is not installed or not reachable for this user") }
        if !(facts["compose"] ?? "").hasPrefix("2.") && !(facts["compose"] ?? "").hasPrefix("v2.") {
            problems.append("docker compose: Compose v2 is required, found \(facts["compose"].flatMap(\.nonEmpty) ?? "none")")
        }
        if (facts["rsync"] ?? "").isEmpty { problems.append("rsync: not installed on the target") }
        for (module, file) in zip(modules, files) {
            if missingFiles.contains(file) {
                problems.append("\(file): missing; create it with `berth env init` and copy it to the server (mode 0600)")
                continue
            }
            let present = keys[file] ?? []
            for key in module.envSchema where key.required && !present.contains(key.name) {
                problems.append("\(file): \(key.name) is missing or empty")
            }
        }
        if !problems.isEmpty {
            throw BerthError.failed("preflight on \(remote.name) failed; nothing was changed:\n  " + problems.joined(separator: "\n  "))
        }
    }

    /// Turns ssh's failure into a message that says what to do.
    static func connectionError(_ result: CommandResult, remote: Remote) -> BerthError {
        let stderr = result.stderr
        if stderr.contains("Host key verification failed") || stderr.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") || stderr.contains("No ED25519 host key is known") || stderr.contains("host key") {
            return .failed("ssh: refusing \(remote.name): its host key is unknown or has changed (strict host-key checking is on; check the known_hosts file\(remote.ssh.knownHosts.map { " \($0)" } ?? ""))")
        }
        if result.status == 255 {
            return .failed("ssh: cannot reach \(remote.name): \(stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return .failed("preflight on \(remote.name) failed (exit \(result.status)): \(stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
}
