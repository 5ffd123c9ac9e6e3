import Foundation
import ServicePlugin

/// The answers `berth init` gathers for a new stack repository, and the files they become.
///
/// Built as values and never written here: `berth init` checks the config they make, then stages and renames
/// every file at once, so a refusal or a failure leaves the folder as it was.
public struct NewStack: Sendable, Equatable {
    /// The reverse proxy in front of every route.
    public enum Proxy: String, Sendable, CaseIterable { case traefik, caddy }
    /// The identity provider, or none.
    public enum Identity: String, Sendable, CaseIterable { case authentik, none }
    /// The backup engine, or none.
    public enum BackupEngine: String, Sendable, CaseIterable { case restic, kopia, none }

    public var name: String
    public var domain: String
    public var acmeEmail: String
    public var proxy: Proxy = .traefik
    public var identity: Identity = .none
    public var backup: BackupEngine = .restic
    /// The first environment's name and its `target:` (`ssh://user@host/path`).
    public var environment = "production"
    public var target: String
    /// The environment's `ssh:` settings, when ssh's own defaults are not the ones.
    public var knownHosts: String?
    public var identityFile: String?
    public var dataRoot = "/opt/docker-volumes"
    public var scratchRoot = "/opt/docker-volumes-no-backup"
    public var dumpsDir = "/opt/db-backups"
    /// The release the workflow installs; nil writes no workflow.
    public var release: BerthRelease?

    public init(name: String, domain: String, acmeEmail: String, target: String) {
        self.name = name
        self.domain = domain
        self.acmeEmail = acmeEmail
        self.target = target
    }

    /// The lines `.gitignore` needs: secrets and what Berth renders or builds stay out of the repository.
    public static let ignored = [".env", "*.env", "!sample.env", "/deploy/", "/.berth/", "/.build/"]

    /// A module's options when no identity provider can put a sign-in in front of what it serves.
    static let withoutSignIn = [
        "traefik": "{ dashboard: \"\" }   # off: no identity provider to sign in to the dashboard",
        "kopia": "{ protected: false }   # Kopia's own login alone: no identity provider in front of it",
    ]

    /// The modules the answers enable, in the order `berth.yaml` lists them.
    public var modules: [String] {
        [proxy.rawValue] + (identity == .none ? [] : [identity.rawValue]) + (backup == .none ? [] : [backup.rawValue])
    }

    /// `berth.yaml`: every answer on its own commented line, the environment last.
    public var config: String {
        var lines = [
            ConfigSchema.editorLine,
            "# \(name)'s stack, as Berth describes it. Written by `berth init`; edit it freely.",
            "# `berth validate` checks it, `berth plan \(environment)` shows what a deploy would change,",
            "# `berth modules` lists every module and its options.",
            "name: \(name)",
            "domain: \(domain)",
            "acme_email: \(acmeEmail)",
            "data_root: \(dataRoot)",
            "scratch_root: \(scratchRoot)",
            "dumps_dir: \(dumpsDir)",
            "services:",
        ]
        lines += modules.map { "  \($0): \(identity == .none ? Self.withoutSignIn[$0] ?? "{}" : "{}")" }
        if let release {
            lines += ["ci:", "  berth:", "    url: \"\(release.url)\"", "    sha256: \(release.sha256)"]
        }
        lines += ["environments:", "  \(environment):", "    target: \"\(target)\""]
        let ssh = [knownHosts.map { "known_hosts: \"\($0)\"" }, identityFile.map { "identity_file: \"\($0)\"" }].compactMap { $0 }
        if !ssh.isEmpty { lines.append("    ssh: { \(ssh.joined(separator: ", ")) }") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `.gitignore` for a new repository.
    public static var gitignore: String {
        "# Written by `berth init`: .env files hold secrets and live on the server only.\n" + ignored.joined(separator: "\n") + "\n"
    }
}
