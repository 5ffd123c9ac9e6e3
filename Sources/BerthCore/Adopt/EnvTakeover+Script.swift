import ServicePlugin

extension EnvTakeover {
    /// What the script did, key by key: names and where a value came from, never a value.
    public struct Report: Sendable, Codable, Equatable {
        public enum Outcome: String, Sendable, Codable {
            /// Written from a source (`origin` says which kind).
            case took
            /// The target already held the same line.
            case kept
            /// No source held a value; the target's key is left as it is.
            case missing
            /// A container holds a value that cannot be written as compose reads it (a `'` with other characters, a line
            /// break): the target's key is left as it is, to be set by hand (`berth env set`).
            case unsafe
        }

        public struct Entry: Sendable, Codable, Hashable {
            public var module: String
            public var key: String
            public var outcome: Outcome
            public var origin: Origin?
        }

        public var entries: [Entry] = []

        /// The entries with this outcome.
        public func entries(_ outcome: Outcome) -> [Entry] { entries.filter { $0.outcome == outcome } }

        /// Reads the script's lines (`took <module> <KEY> <origin>`, `kept|missing|unsafe <module> <KEY>`); others are skipped.
        public init(output: String) {
            for line in output.split(separator: "\n") {
                let parts = line.split(separator: " ").map(String.init)
                guard parts.count >= 3, let outcome = Outcome(rawValue: parts[0]) else { continue }
                let origin = parts.count == 4 ? Origin(rawValue: parts[3]) : nil
                guard (outcome == .took) == (origin != nil), parts.count == (outcome == .took ? 4 : 3) else { continue }
                entries.append(Entry(module: parts[1], key: parts[2], outcome: outcome, origin: origin))
            }
        }
    }

    /// The one script, as a value: `ServerEnvScript.set`, then for each module its target file and keys, each
    /// key with its sources as (origin, kind, place, variable). Names and paths only.
    public func command() -> ShellCommand { Self.command(targets, remote: remote) }

    static func command(_ targets: [Target], remote: Remote) -> ShellCommand {
        var arguments = [ServerEnvScript.set]
        var groups: [[Target]] = []
        for target in targets {
            if let last = groups.last?.last, last.file == target.file, last.module == target.module {
                groups[groups.count - 1].append(target)
            } else {
                groups.append([target])
            }
        }
        for group in groups {
            arguments += [group[0].module, group[0].file, String(group.count)]
            for target in group {
                arguments += [target.key, String(target.sources.count)]
                arguments += target.sources.flatMap { [$0.origin.rawValue, $0.kind.rawValue, $0.place, $0.variable] }
            }
        }
        return remote.script(EnvTakeoverScript.text, arguments)
    }

    /// Runs the script on the target. A symbolic link, a folder, a key set twice in a target or a file changed
    /// meanwhile is a usage error and nothing is written; an SSH failure says so.
    public func run(runner: any CommandRunner) async throws -> Report {
        let remote = remote
        let result = try await runner.run(command(), timeout: Double(remote.ssh.connectTimeout) + 120)
        if result.succeeded { return Report(output: result.stdout) }
        let reason = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        if result.status == 3 { throw BerthError.usage("\(remote.name): \(reason)") }
        if result.status == 255 || reason.contains("host key") { throw Preflight.connectionError(result, remote: remote) }
        throw BerthError.failed("env takeover on \(remote.name) failed (exit \(result.status)): \(reason)")
    }
}
