import Foundation
import ServicePlugin

/// `berth ci github`: the GitHub Actions workflow that plans, deploys and checks updates for one environment.
///
/// The workflow is built as text and never run here; `berth ci github` writes it beside `berth.yaml`.
public struct GitHubWorkflow: Sendable, Equatable {
    /// A file the workflow writes on the runner, as a shell word.
    public enum Path: Sendable, Equatable {
        /// A path relative to the repository root, or an absolute one.
        case literal(String)
        /// A path under the runner's home folder, used when the environment names none.
        case home(String)

        var shell: String {
            switch self {
            case .literal(let path): ShellQuote.quote(path)
            case .home(let path): "\"$HOME/\(path)\""
            }
        }

        var directory: String {
            switch self {
            case .literal(let path): ShellQuote.quote((path as NSString).deletingLastPathComponent.nonEmpty ?? ".")
            case .home(let path): "\"$HOME/\((path as NSString).deletingLastPathComponent)\""
            }
        }
    }

    /// The first line of every workflow Berth writes; a file without it is never replaced unless forced.
    public static let marker = "# Written by `berth ci github`."
    /// Where the workflow goes, relative to the folder of `berth.yaml`.
    public static let relativePath = ".github/workflows/berth.yml"
    /// Where the jobs keep the berth binary, relative to the checkout.
    public static let binary = ".build/berth-ci/berth"

    public var environment: String
    public var branch: String
    public var knownHosts: Path
    public var identityFile: Path
    /// When the update check runs (cron, UTC).
    public var updateSchedule: String
    /// The release each job installs; nil builds Berth from the repository's own sources, as this one does.
    public var release: BerthRelease?

    public init(
        environment: String, branch: String = "main", knownHosts: Path, identityFile: Path, updateSchedule: String = "17 5 * * 1", release: BerthRelease? = nil
    ) {
        self.environment = environment
        self.branch = branch
        self.knownHosts = knownHosts
        self.identityFile = identityFile
        self.updateSchedule = updateSchedule
        self.release = release
    }

    /// The workflow for `environment` of a config whose file sits in `root`, the repository's root on the runner.
    ///
    /// Paths the environment's `ssh:` names inside `root` are written relative to it; without them the
    /// workflow writes `~/.ssh/known_hosts` and `~/.ssh/id_ed25519`, where ssh looks by default.
    /// With `ci.berth:` the jobs install that release; without it, the repository must hold Berth's sources
    /// (`hasSources`: `root` has its `Package.swift`), or the workflow could not build it.
    public init(_ config: BerthConfig, environment name: String, root: String, branch: String = "main", hasSources: Bool = true) throws {
        guard let environment = config.environments.first(where: { $0.name == name }) else {
            throw BerthError.usage("--env \(name): no such environment (have \(config.environments.map(\.name).joined(separator: ", ")))")
        }
        guard case .ssh = environment.target else {
            throw BerthError.usage("environments.\(name).target: \(environment.target) is a folder on this machine; a CI runner can only deploy to an ssh:// target")
        }
        guard Self.isBranchName(branch) else { throw BerthError.usage("--branch \(Validators.quoted(branch)): not a branch name") }
        guard config.release != nil || hasSources else {
            throw BerthError.usage(
                "\(config.file): ci.berth: is required in a repository without Berth's sources: the release the workflow installs ({ url: …, sha256: … }, from the release's .sha256 file)"
            )
        }
        let local = { (path: String?, fallback: String) -> Path in
            guard let path else { return .home(fallback) }
            let prefix = root.hasSuffix("/") ? root : root + "/"
            return .literal(path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path)
        }
        self.init(
            environment: name, branch: branch, knownHosts: local(environment.ssh.knownHosts, ".ssh/known_hosts"),
            identityFile: local(environment.ssh.identityFile, ".ssh/id_ed25519"), release: config.release)
    }

    /// A branch name the workflow can hold unquoted: `A-Z a-z 0-9 . _ / -`, not starting with `-` or `/`, no `..`.
    static func isBranchName(_ name: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-")
        return !name.isEmpty && name.allSatisfy { allowed.contains($0) } && !name.hasPrefix("-") && !name.hasPrefix("/") && !name.hasSuffix("/")
            && !name.contains("..") && !name.hasSuffix(".lock")
    }

    /// True when `text` is a workflow Berth wrote, which it may replace.
    public static func isOurs(_ text: String) -> Bool {
        text.hasPrefix(marker)
    }

    /// Notes for whoever runs `berth ci github`: what the workflow needs from the repository's settings.
    public var notes: [String] {
        var notes = [
            "set the repository variable BERTH_KNOWN_HOSTS to the server's known_hosts line (ssh-keyscan, compared with the server's own key by hand)",
            "set the repository secret BERTH_SSH_KEY to the deploy user's private key",
        ]
        if case .home(let path) = knownHosts { notes.append("the environment sets no ssh.known_hosts: the workflow writes ~/\(path)") }
        if case .home(let path) = identityFile { notes.append("the environment sets no ssh.identity_file: the workflow writes the key to ~/\(path)") }
        return notes
    }
}
