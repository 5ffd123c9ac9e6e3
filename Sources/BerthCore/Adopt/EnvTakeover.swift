import ServicePlugin

/// `berth adopt ENV --project NAME --write`: carries the running project's secrets into Berth's `.env` files.
///
/// The plan is pure: for each key of each adopted module, the places on the server where its old value may be
/// found, in order. One script (``command()``) then reads them there and writes there, and prints names only:
/// no value travels to this machine, is printed or put in a command line.
public struct EnvTakeover: Sendable {
    /// Where a value came from, as the script reports it.
    public enum Origin: String, Sendable, Codable {
        /// The same key in an old `.env` file.
        case file
        /// The same variable in an old container's environment.
        case container
        /// A key of another module that holds the same value (``EnvKey/shared``).
        case shared
        /// `POSTGRES_PASSWORD` of the module's old database container.
        case database
    }

    /// One place to read a value from.
    public struct Source: Sendable, Hashable {
        public enum Kind: String, Sendable { case file, container }
        public var kind: Kind
        /// The file's path, or the container's name.
        public var place: String
        /// The key (file) or variable (container) read there.
        public var variable: String
        public var origin: Origin

        public init(_ kind: Kind, _ place: String, _ variable: String, _ origin: Origin) {
            self.kind = kind
            self.place = place
            self.variable = variable
            self.origin = origin
        }
    }

    /// One key of one module's `.env` on the target, with its sources, first found first taken.
    public struct Target: Sendable, Hashable {
        public var module: String
        public var key: String
        public var file: String
        public var sources: [Source]
    }

    public let adoption: Adoption
    public let stack: Stack

    public init(adoption: Adoption, stack: Stack) {
        self.adoption = adoption
        self.stack = stack
    }

    public var remote: Remote { Remote(stack.environment) }

    /// The plan for this adoption.
    public var targets: [Target] { Self.plan(adoption, stack: stack) }

    /// Every key of every adopted module of `stack`, in stack and schema order, with where to read it: the old
    /// `.env` files, the old containers, the keys sharing its value, then the old database's password.
    public static func plan(_ adoption: Adoption, stack: Stack) -> [Target] {
        let root = Remote(stack.environment).root
        let adopted = stack.modules.compactMap { module in adoption.modules.first { $0.id == module.id }.map { (old: $0, module: module) } }
        return adopted.flatMap { old, module in
            module.envSchema.map { key in
                var sources = own(key.name, of: old, in: adoption.project)
                if let shared = key.shared {
                    for other in adopted {
                        for peer in other.module.envSchema where peer.shared == shared && (other.module.id, peer.name) != (module.id, key.name) {
                            let found = own(peer.name, of: other.old, in: adoption.project) + database(peer.name, of: other.module, old: other.old, in: adoption.project)
                            sources += found.map { Source($0.kind, $0.place, $0.variable, .shared) }
                        }
                    }
                }
                sources += database(key.name, of: module, old: old, in: adoption.project)
                var unique: [Source] = []
                for source in sources where !unique.contains(where: { $0.kind == source.kind && $0.place == source.place && $0.variable == source.variable }) {
                    unique.append(source)
                }
                return Target(module: module.id, key: key.name, file: "\(root)/\(module.id)/.env", sources: unique)
            }
        }
    }

    /// The key in the old `.env` files (the module's folder, each old service's, the project's), then the
    /// variable in each old container of the module that has it.
    static func own(_ key: String, of old: Adoption.Module, in project: RunningProject) -> [Source] {
        var files: [String] = []
        if let folder = project.workingDirectory.map(HostPath.normalised) {
            let base = folder == "/" ? "" : folder
            for name in [old.id] + old.services where !files.contains("\(base)/\(name)/.env") { files.append("\(base)/\(name)/.env") }
            files.append("\(base)/.env")
        }
        let containers = project.containers.filter { container in
            container.service.map(old.services.contains) == true && container.environmentKeys.contains(key)
        }
        return files.map { Source(.file, $0, key, .file) } + containers.map { Source(.container, $0.name, key, .container) }
    }

    /// For the key a module's database service takes as `POSTGRES_PASSWORD`, that variable of the old database
    /// container: the module's old container of the same service name, else those running a `postgres` image.
    static func database(_ key: String, of module: StackModule, old: Adoption.Module, in project: RunningProject) -> [Source] {
        let sidecar = module.fragment.services.first { service in
            service.environment.contains { $0.key == "POSTGRES_PASSWORD" && $0.value.parts.count == 1 && $0.value.variables == [key] }
        }
        guard let sidecar else { return [] }
        let candidates = project.containers.filter { container in
            container.service.map(old.services.contains) == true && container.environmentKeys.contains("POSTGRES_PASSWORD")
        }
        let named = candidates.filter { $0.service == sidecar.name }
        let chosen = named.isEmpty ? candidates.filter { ImageRef.parse($0.image)?.path.split(separator: "/").last == "postgres" } : named
        return chosen.map { Source(.container, $0.name, "POSTGRES_PASSWORD", .database) }
    }
}
