import Foundation
import ServicePlugin

/// Builds commands that run on an environment's machine: over SSH, or locally for `file:` targets.
///
/// Remote command lines are built from argv with ``ShellQuote`` only; values never reach a
/// shell unquoted. Host keys are always checked strictly.
public struct Remote: Sendable {
    public let target: DeployTarget
    public let ssh: SSHSettings

    /// A private folder for SSH's shared connections, or nil to open one connection per command.
    public let controlDirectory: String?

    public init(target: DeployTarget, ssh: SSHSettings, controlDirectory: String? = Remote.defaultControlDirectory()) {
        self.target = target
        self.ssh = ssh
        self.controlDirectory = controlDirectory
        trust = controlDirectory == nil ? "" : Self.trust(ssh)
    }

    /// Names the trust settings in the shared connection's path, by the files' paths and contents.
    private let trust: String

    /// A connection opened when known_hosts held one key must never serve a run after the file changed.
    static func trust(_ ssh: SSHSettings) -> String {
        let files = [ssh.knownHosts, ssh.identityFile].map { path in
            (path ?? "") + "\n" + (path.flatMap { FileManager.default.contents(atPath: $0) }.map { SHA256.hex($0) } ?? "")
        }
        return String(SHA256.hex(files.joined(separator: "\n")).prefix(12))
    }

    /// `/tmp/berth-ssh-<uid>`, created with mode 0700; nil when it cannot be made private.
    public static func defaultControlDirectory() -> String? {
        let path = "/tmp/berth-ssh-\(getuid())"
        if mkdir(path, 0o700) != 0 && errno != EEXIST { return nil }
        var info = stat()
        guard lstat(path, &info) == 0, info.st_uid == getuid(), info.st_mode & 0o077 == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return path
    }

    public init(_ environment: EnvironmentConfig) {
        self.init(target: environment.target, ssh: environment.ssh)
    }

    /// The deploy folder on the target machine.
    public var root: String { target.path }

    public var isLocal: Bool {
        if case .file = target { true } else { false }
    }

    /// `user@host`, or `local` for file targets.
    public var name: String {
        switch target {
        case .file: "local"
        case .ssh(let user, let host, let port, _): (user.map { "\($0)@" } ?? "") + host + (port.map { ":\($0)" } ?? "")
        }
    }

    /// The `ssh` argv up to (not including) the destination.
    public var sshOptions: [String] {
        guard case .ssh(_, _, let port, _) = target else { return [] }
        var argv = [
            "ssh", "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
            "-o", "ConnectTimeout=\(ssh.connectTimeout)", "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3",
        ]
        if let directory = controlDirectory {
            // One SSH connection serves every command of a run instead of a handshake per command.
            // The path names the trust settings too (see `trust`).
            argv += ["-o", "ControlMaster=auto", "-o", "ControlPath=\(directory)/\(trust)-%C", "-o", "ControlPersist=30"]
        }
        if let knownHosts = ssh.knownHosts { argv += ["-o", "UserKnownHostsFile=\(knownHosts)"] }
        if let identity = ssh.identityFile { argv += ["-i", identity, "-o", "IdentitiesOnly=yes"] }
        if let port { argv += ["-p", String(port)] }
        return argv
    }

    public var destination: String {
        guard case .ssh(let user, let host, _, _) = target else { return "" }
        return (user.map { "\($0)@" } ?? "") + host
    }

    /// A command run on the target machine, in `directory` when given.
    public func command(_ argv: [ShellCommand.Argument], in directory: String? = nil, input: [UInt8]? = nil) -> ShellCommand {
        guard !isLocal else { return ShellCommand(argv, in: directory, input: input) }
        let line = (directory.map { "cd \(ShellQuote.quote($0)) && " } ?? "") + ShellQuote.line(argv.map(\.value))
        let sensitive = argv.contains { if case .sensitive = $0 { true } else { false } }
        var wrapped = sshOptions.map(ShellCommand.Argument.plain) + [.plain(destination), .plain("--")]
        wrapped.append(sensitive ? .sensitive(line) : .plain(line))
        return ShellCommand(wrapped, input: input)
    }

    /// A fixed shell script run on the target with its values passed as positional arguments.
    ///
    /// The script text is Berth's own and never interpolates a value: values arrive as `$1`, `$2`, ….
    public func script(_ text: String, _ arguments: [String], input: [UInt8]? = nil) -> ShellCommand {
        command([.plain("sh"), .plain("-c"), .plain(text), .plain("berth")] + arguments.map(ShellCommand.Argument.plain), input: input)
    }

    /// The file each command that changes the running stack holds an exclusive `flock` on while it runs.
    ///
    /// A command outlives the Berth that started it: killed, or cut off from the server, Berth leaves its
    /// `docker compose up` running there. Holding this file, that command and the next deploy's never run at once:
    /// the next one waits, and the deploy lock is neither taken nor let go while a command holds it.
    public var busyFile: String { root + "/.berth/busy" }

    /// A command that changes the running stack, run on the target holding ``busyFile``: alone, or `shared` with the
    /// others of its kind that one deploy runs side by side (a wave's rollouts). Taking or letting go of the deploy
    /// lock waits for every holder.
    public func changing(_ argv: [ShellCommand.Argument], in directory: String? = nil, shared: Bool = false) -> ShellCommand {
        command(["flock", shared ? "-s" : "-x", .plain(busyFile)] + argv, in: directory)
    }

    /// A fixed script (as ``script(_:_:input:)``) that changes the running stack, run holding ``busyFile``.
    public func changingScript(_ text: String, _ arguments: [String], shared: Bool = false) -> ShellCommand {
        changing([.plain("sh"), .plain("-c"), .plain(text), .plain("berth")] + arguments.map(ShellCommand.Argument.plain), shared: shared)
    }

    /// rsync from a local folder into a folder on the target; `.env` files and Berth's own folder (records, the lock,
    /// the busy file, a switch's mark) are never touched.
    public func sync(from local: String, to remoteDirectory: String) -> ShellCommand {
        var argv =
            [
                "rsync", "--recursive", "--links", "--perms", "--times", "--checksum", "--delete", "--delete-after", "--delay-updates",
            ] + Self.protectedPatterns.flatMap { ["--filter", "protect \($0)", "--exclude", $0] }
        if isLocal {
            argv += [local + "/", remoteDirectory + "/"]
        } else {
            argv += ["-e", ShellQuote.line(sshOptions), local + "/", "\(destination):\(remoteDirectory)/"]
        }
        return ShellCommand(argv.map(ShellCommand.Argument.plain))
    }

    /// Paths a sync neither writes nor deletes: secrets, Berth's own release records, and the proxy's live files
    /// (``LiveFile``), which name the containers running now.
    public static let protectedPatterns = [".env", "/.berth/", "*" + LiveFile.suffix]
}
