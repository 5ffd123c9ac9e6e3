import ServicePlugin

/// Maps each service of a running project to a module, by image repository first, then, for an image several
/// modules run (PostgreSQL, Redis), by which module's services depend on it or carry its name.
public struct AdoptionMapper: Sendable {
    public let registry: PluginRegistry

    /// The environment's `registry_mirror`: an image pulled through it is named by its path alone.
    public let mirror: String?

    public init(registry: PluginRegistry = .standard, mirror: String? = nil) {
        self.registry = registry
        self.mirror = mirror
    }

    /// `image` as the config names it: without the mirror it was pulled through.
    static func unmirrored(_ image: ImageRef, mirror: String?) -> ImageRef {
        guard let mirror, image.repository.hasPrefix(mirror + "/") else { return image }
        return ImageRef(repository: String(image.repository.dropFirst(mirror.count + 1)), tag: image.tag, digest: image.digest)
    }

    /// The adoption of `project`, pinned to the tags it runs.
    public func map(_ project: RunningProject) -> Adoption {
        var adoption = Adoption(project: project)
        var shared: [(service: String, image: ImageRef, owners: [String])] = []
        for (service, containers) in project.services {
            let container = containers[0]
            guard let image = ImageRef.parse(container.image) else {
                adoption.left.append((service, "its image \(container.image) cannot be read"))
                continue
            }
            let owners = registry.plugins.filter { plugin in plugin.images.contains { ImageRef(repository: $0.repository, tag: "").path == image.path } }.map { $0.id }
            switch owners.count {
            case 1: take(service, image: image, by: owners[0], into: &adoption)
            case 0:
                if registry.plugin(service) != nil {
                    take(service, image: nil, by: service, into: &adoption)
                    adoption.modules[adoption.modules.count - 1].notes.append(
                        "\(service) runs \(container.image), which is not the module's image: the module's own \(service) replaces it")
                } else if let port = Self.port(container) {
                    adoption.apps.append(Adoption.App(name: service, image: Self.unmirrored(image, mirror: mirror), port: port))
                } else {
                    adoption.left.append((service, "no module runs \(image.path), and no port to route to is known (no Traefik port label, no single exposed port)"))
                }
            default: shared.append((service, image, owners))
            }
        }
        for (service, image, owners) in shared {
            guard let owner = owner(of: service, among: owners, in: adoption) else {
                adoption.left.append((service, "\(image.path) is run by the modules \(owners.joined(separator: ", ")); none of the project's services that they take over depends on it or names it"))
                continue
            }
            take(service, image: image, by: owner, into: &adoption)
        }
        adoption.modules.sort { $0.id < $1.id }
        for index in adoption.modules.indices { adoption.modules[index].services.sort() }
        return adoption
    }

    /// The one module among `owners` that already took over a service depending on `service`, else the one whose id
    /// starts its name (`planka-postgres`).
    func owner(of service: String, among owners: [String], in adoption: Adoption) -> String? {
        let dependents = Set(
            adoption.project.containers.filter { container in
                (container.labels["com.docker.compose.depends_on"] ?? "").split(separator: ",").contains { $0.split(separator: ":").first.map(String.init) == service }
            }.compactMap { $0.service.flatMap { adoption.module(of: $0)?.id } }
        ).intersection(owners)
        if dependents.count == 1 { return dependents.first }
        let named = owners.filter { service.hasPrefix($0 + "-") }
        return named.count == 1 ? named[0] : nil
    }

    /// Adds `service` to module `id`, pinning the image it runs where it is one of the module's.
    func take(_ service: String, image: ImageRef?, by id: String, into adoption: inout Adoption) {
        if !adoption.modules.contains(where: { $0.id == id }) { adoption.modules.append(Adoption.Module(id: id, services: [])) }
        let index = adoption.modules.firstIndex { $0.id == id }!
        adoption.modules[index].services.append(service)
        if let plugin = registry.plugin(id), let container = adoption.project.containers.first(where: { $0.service == service }) {
            for mount in container.mounts.sorted(by: { $0.destination < $1.destination }) {
                if let option = plugin.adoptedMounts[mount.destination], !adoption.modules[index].options.contains(where: { $0.0 == option }) {
                    adoption.modules[index].options.append((option, mount.source))
                }
            }
        }
        guard let image, let plugin = registry.plugin(id), let position = plugin.images.firstIndex(where: { ImageRef(repository: $0.repository, tag: "").path == image.path })
        else { return }
        let spec = plugin.images[position]
        var tag = image.tag
        // What runs is the data's major, whatever the tag says (`latest`).
        if spec.migrations.contains(.postgresMajor), let major = clusterMajor(service, in: adoption.project), DatabaseMajors.major(of: tag) != major {
            tag = "\(major)-alpine"
        }
        if position == 0 { adoption.modules[index].version = tag } else { adoption.modules[index].images[spec.name] = tag }
        if spec.migrations.contains(.postgresMajor) { adoption.modules[index].options += Self.databaseOptions(service, in: adoption.project) }
    }

    /// The major of the cluster in the folder `service` mounts, if one holds a `PG_VERSION`.
    func clusterMajor(_ service: String, in project: RunningProject) -> Int? {
        let mounts = project.containers.filter { $0.service == service }.flatMap(\.mounts)
        return mounts.lazy.compactMap { project.clusters[$0.source] }.compactMap(DatabaseMajors.major(of:)).first
    }

    /// How the database was set up, from the official image's variables (`POSTGRES_USER` defaults to `postgres`,
    /// `POSTGRES_DB` to the user): the options that keep it so.
    static func databaseOptions(_ service: String, in project: RunningProject) -> [(String, String)] {
        guard let container = project.containers.first(where: { $0.service == service }) else { return [] }
        let user = container.settings["POSTGRES_USER"] ?? "postgres"
        let database = container.settings["POSTGRES_DB"] ?? user
        let trust = container.settings["POSTGRES_HOST_AUTH_METHOD"] == "trust"
        let auth: PostgresAuth = trust ? .trust : .password
        return [(PostgresSidecar.userOption.name, user), (PostgresSidecar.databaseOption.name, database), (PostgresSidecar.authOption.name, auth.rawValue)]
    }

    /// The port an app listens on: Traefik's `loadbalancer.server.port` label, else its only exposed TCP port.
    static func port(_ container: EngineContainer) -> Int? {
        if let label = container.labels.first(where: { $0.key.hasPrefix("traefik.http.services.") && $0.key.hasSuffix(".loadbalancer.server.port") }) {
            return Int(label.value)
        }
        let tcp = container.exposed.filter { $0.hasSuffix("/tcp") }
        return tcp.count == 1 ? Int(tcp[0].dropLast(4)) : nil
    }
}
