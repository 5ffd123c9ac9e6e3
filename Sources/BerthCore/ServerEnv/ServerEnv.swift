import Foundation
import ServicePlugin

/// The `.env` files of a deployed environment, read and written on the target itself.
///
/// Values never leave the server: reading returns each file with every value replaced by a
/// token (`@@<tag>-<file>-<line>@@`), and writing sends texts whose tokens the server swaps back
/// for the values it holds, or for secrets its own `/dev/urandom` makes.
public struct ServerEnv: Sendable {
    public let stack: Stack
    public let runner: any CommandRunner
    /// Environments whose files share values with this one's (`shares:`), on the same server.
    public let peers: [Stack]

    public init(stack: Stack, runner: any CommandRunner, peers: [Stack] = []) {
        self.stack = stack
        self.runner = runner
        self.peers = peers
    }

    public var remote: Remote { Remote(stack.environment) }

    /// One `.env` on the server, its values masked.
    struct File: Sendable {
        var path: String
        /// SHA-256 of the file as read, `-` when it does not exist.
        var checksum: String
        /// The text with each value replaced by its token; nil when the file does not exist.
        var masked: String?
    }

    /// The `.env` path of each module with an env schema, in stack order.
    static func paths(_ stack: Stack) -> [(module: StackModule, path: String)] {
        let root = Remote(stack.environment).root
        return stack.modules.filter { !$0.envSchema.isEmpty }.map { ($0, "\(root)/\($0.id)/.env") }
    }

    /// A fresh tag for this run's tokens, so no value on the server can pass for one.
    static func newTag() -> String {
        var rng = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in Array("0123456789abcdef").randomElement(using: &rng)! })
    }

    /// Reads the files, masked; a link, a folder or an unreadable file stops here naming it.
    func read(_ paths: [String], tag: String) async throws -> [File] {
        let result = try await runner.run(remote.script(ServerEnvScript.read, [tag] + paths), timeout: Double(remote.ssh.connectTimeout) + 30)
        guard result.succeeded else { throw Preflight.connectionError(result, remote: remote) }
        return try ServerEnvScript.parse(result.stdout, on: remote.name)
    }
}
