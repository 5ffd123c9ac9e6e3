/// The difference between the deployed release and what would be deployed now.
public struct Plan: Codable, Sendable, Equatable {
    public struct ServiceChange: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case added, removed, changed }

        public var service: String
        public var module: String
        public var kind: Kind
        public var image: [String]?
        public var envKeysAdded: [String]
        public var envKeysRemoved: [String]
        public var labelsAdded: [String]
        public var labelsRemoved: [String]
        public var portsAdded: [String]
        public var portsRemoved: [String]
        public var volumesAdded: [String]
        public var volumesRemoved: [String]
        /// The service's compose entry changed (a setting, a command, a healthcheck…).
        public var configChanged: Bool
    }

    /// The release compared against, nil for a first deploy.
    public var from: String?
    public var services: [ServiceChange]
    public var filesChanged: [String]
    /// The migration boundaries the deploy crosses, with the steps it performs; nil when it crosses none.
    public var migrations: [Migration]?

    public var hasChanges: Bool { !services.isEmpty || !filesChanged.isEmpty }

    public init(from release: String?, old: StackSummary?, new: StackSummary, stack: Stack? = nil) {
        from = release
        let crossed = stack.map { Migration.planned(old: old, stack: $0) } ?? []
        migrations = crossed.isEmpty ? nil : crossed
        let old = old ?? StackSummary(services: [:], files: [:])
        var changes: [ServiceChange] = []
        for name in Set(old.services.keys).union(new.services.keys).sorted() {
            let before = old.services[name], after = new.services[name]
            guard before != after else { continue }
            let diff = { (path: KeyPath<StackSummary.Service, [String]>) -> ([String], [String]) in
                let a = Set(before?[keyPath: path] ?? []), b = Set(after?[keyPath: path] ?? [])
                return (b.subtracting(a).sorted(), a.subtracting(b).sorted())
            }
            let kind: ServiceChange.Kind = before == nil ? .added : after == nil ? .removed : .changed
            let image = before?.image == after?.image ? nil : [before?.image ?? "-", after?.image ?? "-"]
            let (envKeys, labels, ports, volumes) = (diff(\.envKeys), diff(\.labels), diff(\.ports), diff(\.volumes))
            changes.append(
                ServiceChange(
                    service: name, module: (after ?? before)!.module, kind: kind, image: image,
                    envKeysAdded: envKeys.0, envKeysRemoved: envKeys.1,
                    labelsAdded: labels.0, labelsRemoved: labels.1,
                    portsAdded: ports.0, portsRemoved: ports.1,
                    volumesAdded: volumes.0, volumesRemoved: volumes.1,
                    configChanged: before != nil && after != nil && before?.config != after?.config
                ))
        }
        services = changes
        filesChanged = Set(old.files.keys).union(new.files.keys).filter { old.files[$0] != new.files[$0] }.sorted()
    }

    /// The plan for people: one block per changed service, then changed files.
    public var text: String {
        guard hasChanges else { return "no changes" + (from.map { " since release \($0)" } ?? "") }
        var lines = [from.map { "changes since release \($0):" } ?? "first deploy:"]
        for change in services {
            let mark =
                switch change.kind {
                case .added: "+"
                case .removed: "-"
                case .changed: "~"
                }
            lines.append("\(mark) \(change.service) (\(change.module))")
            if let image = change.image { lines.append("    image: \(image[0]) -> \(image[1])") }
            let groups: [(String, [String], [String])] = [
                ("env key", change.envKeysAdded, change.envKeysRemoved), ("label", change.labelsAdded, change.labelsRemoved),
                ("port", change.portsAdded, change.portsRemoved), ("volume", change.volumesAdded, change.volumesRemoved),
            ]
            var details: [String] = []
            for (name, added, removed) in groups where change.kind == .changed {
                details += added.map { "    + \(name) \($0)" } + removed.map { "    - \(name) \($0)" }
            }
            if change.kind == .changed && change.image == nil && details.isEmpty { details.append("    settings changed") }
            lines += details
        }
        if !filesChanged.isEmpty { lines.append("files changed: " + filesChanged.joined(separator: ", ")) }
        if let migrations, !migrations.isEmpty {
            lines.append("migrations the deploy performs (databases first, then each checkpoint and step; retirements once healthy):")
            lines += migrations.flatMap(\.lines).map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
