import Foundation
import ServicePlugin

/// What `berth logs` asks of the engine: which lines, and whether to keep following.
public struct LogOptions: Sendable, Hashable {
    public var follow: Bool
    /// Docker's `--since`: a duration (`10m`, `1h30m`), an RFC 3339 time or a Unix timestamp.
    public var since: String?
    /// The last lines of each container only.
    public var tail: Int?

    public init(follow: Bool = false, since: String? = nil, tail: Int? = nil) {
        self.follow = follow
        self.since = since
        self.tail = tail
    }

    /// Whether Docker takes `value` for `--since`: a Go duration, an RFC 3339 date or time, or a Unix timestamp.
    public static func isValidSince(_ value: String) -> Bool {
        let duration = #"^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$"#
        let timestamp = #"^[0-9]{1,10}(\.[0-9]{1,9})?$"#
        let date = #"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$"#
        return [duration, timestamp, date].contains { value.range(of: $0, options: .regularExpression) != nil }
    }
}

/// `berth logs`: the log lines of the stack's containers, each prefixed with its container, as compose prints them.
public enum StackLogs {
    /// `docker compose logs` in the deploy folder, on the target; no services means all of them.
    public static func command(_ remote: Remote, services: [String], options: LogOptions) -> ShellCommand {
        var argv: [ShellCommand.Argument] = ["docker", "compose", "logs", "--no-color"]
        if options.follow { argv.append("--follow") }
        if let since = options.since { argv += ["--since", .plain(since)] }
        if let tail = options.tail { argv += ["--tail", .plain(String(tail))] }
        return remote.command(argv + services.map(ShellCommand.Argument.plain), in: remote.root)
    }

    /// Streams the named modules' or services' logs to standard output; returns compose's exit status.
    public static func stream(_ stack: Stack, names: [String], options: LogOptions, runner: any CommandRunner) async throws -> Int32 {
        try stack.requireContainers("berth logs", instead: "each service's tasks log through `docker service logs` on a manager")
        let services = try stack.selectServices(names)
        return try await runner.attach(command(Remote(stack.environment), services: names.isEmpty ? [] : services, options: options), standardInput: false)
    }
}
