import ServicePlugin

/// What `berth adopt` found and proposes, for `--json` and for the text it prints.
public struct AdoptionReport: Sendable, Encodable {
    public struct Module: Sendable, Encodable {
        public var id: String
        public var services: [String]
        public var version: String?
        public var images: [String: String]
        public var options: [String: String]
        public var notes: [String]
    }

    public struct App: Sendable, Encodable {
        public var name: String
        public var image: String
        public var port: Int
    }

    public struct Left: Sendable, Encodable {
        public var service: String
        public var reason: String
    }

    public var environment: String
    public var project: String
    public var folder: String?
    public var target: String
    public var modules: [Module]
    public var apps: [App]
    public var left: [Left]
    /// Every read-write bind mount of the project, each kept at its path by a Berth service.
    public var mounts: [Adoption.KeptMount]
    /// The cluster major of each database folder.
    public var clusters: [String: String]
    /// The containers the switch stops, apps first, then databases.
    public var stops: [String]
    /// The lines to add to `berth.yaml`.
    public var config: [String]
    /// With `--write`: what became of `berth.yaml`, and each `.env` key taken over on the server (names only).
    public var written: String?
    /// With `--write`: what became of `berth.lock`.
    public var pinned: String?
    /// The pins the proposal puts in `berth.lock`, one module a line.
    public var lock: [String] = []
    public var env: EnvTakeover.Report?

    public init(_ adoption: Adoption, stack: Stack, target: String, environment: String) {
        self.environment = environment
        project = adoption.project.name
        folder = adoption.project.workingDirectory
        self.target = target
        modules = adoption.modules.map {
            Module(id: $0.id, services: $0.services, version: $0.version, images: $0.images, options: Dictionary($0.options, uniquingKeysWith: { $1 }), notes: $0.notes)
        }
        apps = adoption.apps.map { App(name: $0.name, image: $0.image.description, port: $0.port) }
        left = adoption.left.map { Left(service: $0.service, reason: $0.reason) }
        mounts = adoption.mounts(in: stack)
        clusters = adoption.project.clusters
        let databases = Set(adoption.project.containers.filter { $0.mounts.contains { adoption.project.clusters[$0.source] != nil } }.map(\.name))
        stops = adoption.project.containers.map(\.name).filter { !databases.contains($0) } + adoption.project.containers.map(\.name).filter { databases.contains($0) }
        config = adoption.unpinned.configLines
        lock = adoption.lockLines()
    }

    /// The report as an admin reads it.
    public var text: String {
        var lines = ["compose project \(project)" + (folder.map { " (folder \($0))" } ?? "") + " on \(target): \(stops.count) containers"]
        lines.append("taken over by:")
        for module in modules {
            var pins = module.version.map { ["version \($0)"] } ?? []
            pins += module.images.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            pins += module.options.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            lines.append("  module \(module.id): \(module.services.joined(separator: ", "))" + (pins.isEmpty ? "" : " (\(pins.joined(separator: ", ")))"))
            lines += module.notes.map { "    note: \($0)" }
        }
        lines += apps.map { "  app \($0.name): \($0.image), port \($0.port)" }
        if !left.isEmpty {
            lines.append("not adoptable:")
            lines += left.map { "  \($0.service): \($0.reason)" }
        }
        lines.append("add to berth.yaml (keep your own options beside these):")
        lines += config.map { "  " + $0 }
        if !lock.isEmpty {
            lines.append("pin in berth.lock (`berth update apply` moves these pins later):")
            lines += ["  pins:"] + lock.map { "  " + $0 }
        }
        lines.append("data folders (none moves):")
        for mount in mounts {
            let cluster = clusters[mount.folder].map { ", PostgreSQL \($0) cluster" } ?? ""
            let fate =
                switch mount.fate {
                case .kept: "kept, mounted by \(mount.by ?? "?")"
                case .moves: "MOVES to \(mount.by ?? "?")"
                case .cache: "a cache: Berth mounts \(mount.by ?? "?") there, which starts empty; this folder is left as it is"
                case .unmounted: "no longer mounted by Berth; left in place, untouched"
                }
            lines.append("  \(mount.folder) (\(mount.service) at \(mount.target)\(cluster)): \(fate)")
        }
        if let written { lines.append("berth.yaml: \(written)") }
        if let pinned { lines.append("berth.lock: \(pinned)") }
        if let env {
            let took = env.entries(.took), missing = env.entries(.missing) + env.entries(.unsafe)
            lines.append(".env values taken over on \(target): \(took.count) (" + took.map { "\($0.module).\($0.key)" }.joined(separator: ", ") + ")")
            if !missing.isEmpty {
                lines.append(
                    "  not found in the project (run `berth env init --env \(environment)` for generated ones, `berth env set` for the rest): "
                        + missing.map { "\($0.module).\($0.key)" }.joined(separator: ", "))
            }
        }
        lines.append("`berth deploy \(environment) --adopt \(project)` dumps every database, stops these containers (apps first, databases last) and starts Berth's on the same folders.")
        return lines.joined(separator: "\n")
    }
}
