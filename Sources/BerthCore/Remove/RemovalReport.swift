/// What `berth remove` did: each thing it removed, what it kept, and its steps with their times, for `--json`.
public struct RemovalReport: Encodable, Sendable, StepReport {
    /// One thing removed: its kind (`container`, `network`, `attachment`, `service`, `label`, `crontab`, `record`,
    /// `volume`, `file`, `folder`), its name or path, and the Swarm node it was on.
    public struct Item: Encodable, Sendable, Equatable {
        public var kind: String
        public var name: String
        public var node: String?

        public init(kind: String, name: String, node: String? = nil) {
            self.kind = kind
            self.name = name
            self.node = node
        }

        /// The `KIND NAME` lines a removal step printed.
        static func parse(_ stdout: String, node: String?) -> [Item] {
            stdout.split(separator: "\n").compactMap { line in
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                return parts.count == 2 ? Item(kind: parts[0], name: parts[1], node: node) : nil
            }
        }
    }

    public var environment: String
    public var target: String
    public var purged: Bool
    public var removed: [Item] = []
    /// What stays without `--purge`: what `--purge` would delete (``RemovalCommands/purgeSummary``).
    public var kept: [String] = []
    public var steps: [DeployReport.Step] = []
    public var ok = false
    public var failedStep: String?
    public var error: String?

    public init(environment: String, target: String, purged: Bool) {
        self.environment = environment
        self.target = target
        self.purged = purged
    }

    /// The report as the terminal shows it: one line per thing removed, then what stays and how to come back.
    public var lines: [String] {
        var lines = removed.map { "removed \($0.kind) \($0.name)" + ($0.node.map { " on \($0)" } ?? "") }
        if removed.isEmpty { lines.append("\(environment): nothing of it was found on \(target)") }
        if purged {
            lines.append("\(environment): removed and purged; its data, dumps and .env files are gone")
        } else {
            lines.append("\(environment): removed; kept its data folders, dumps and .env files (`berth deploy \(environment)` brings it back):")
            lines += kept.map { "  kept \($0)" }
        }
        return lines
    }
}
