import ServicePlugin

/// PostgreSQL refuses a data folder of another major, and a deploy that finds out only when the new server exits
/// has already stopped the old one: preflight reads each database folder's `PG_VERSION` before anything starts.
public enum DatabaseMajors {
    /// A database the stack starts: its service, the host folder it keeps its cluster in, and the image that runs it.
    public struct Database: Equatable, Sendable {
        public var module: String
        public var service: String
        public var folder: String
        public var image: ImageRef
        /// The module's name for the image (`postgres`), as `berth.lock` pins it.
        public var imageName: String

        /// The major the image's tag names (`17-alpine`, `17.2`), or nil for a tag that names none (`latest`).
        public var major: Int? { DatabaseMajors.major(of: image.tag) }
    }

    /// Every PostgreSQL service a module dumps, with the bind mount that holds `PGDATA` (or a folder above it).
    public static func databases(_ stack: Stack) -> [Database] {
        stack.modules.flatMap { module in
            module.backup.dumps.compactMap { dump -> Database? in
                guard let service = module.fragment.services.first(where: { $0.name == dump.service }), let image = service.image,
                    let mount = service.volumes.first(where: { $0.source.hasPrefix("/") && $0.target.hasPrefix("/var/lib/postgresql") })
                else { return nil }
                let name = module.images.first { $0.value == image }?.key ?? "postgres"
                return Database(module: module.id, service: service.name, folder: mount.source, image: image, imageName: name)
            }
        }
    }

    /// The major a tag (`17-alpine`, `17.2`) or a `PG_VERSION` (`14`) names: its leading number.
    public static func major(of text: String) -> Int? { Int(text.prefix { $0.isNumber }) }

    /// The shell line that prints `pgversion=<version> <folder>` for folder `$m` when it holds a cluster; preflight and
    /// `berth adopt` both use it, and ``PreflightFacts`` reads its lines.
    static let versionLine = #"[ -f "$m/PG_VERSION" ] && printf 'pgversion=%s %s\n' "$(head -c 16 "$m/PG_VERSION" | tr -dc 0-9.)" "$m""#

    /// The folders whose `PG_VERSION` preflight reads.
    static func folders(_ stack: Stack) -> [String] { Array(Set(databases(stack).map(\.folder))).sorted() }

    /// One problem for each folder that holds a cluster of another major than its image runs; except an older cluster
    /// that this stack's own container serves now, which the deploy upgrades (its image crosses the `.postgresMajor` boundary).
    static func problems(_ found: [String: String], stack: Stack, containers: [EngineContainer] = []) -> [String] {
        databases(stack).compactMap { database in
            guard let text = found[database.folder], let onDisk = DatabaseMajors.major(of: text), let major = database.major, onDisk != major else { return nil }
            let serving = containers.contains { container in
                container.state == "running" && container.labels["com.docker.compose.project"] == stack.context.name
                    && container.labels["com.docker.compose.service"] == database.service
            }
            if onDisk < major && serving { return nil }
            let way = onDisk < major ? "upgrade the data with `berth db upgrade \(database.module) --to \(major)`" : "a newer cluster cannot be started by an older server"
            let pin = "\(onDisk)" + database.image.tag.drop { $0.isNumber || $0 == "." }
            return "\(database.service): \(database.folder) holds a PostgreSQL \(onDisk) cluster (its PG_VERSION), but \(database.image) runs PostgreSQL \(major), "
                + "which refuses it; nothing was started: pin the running major (`pins: { \(database.module): { \(database.imageName): \"\(pin)\" } }` in berth.lock), or \(way)"
        }
    }
}
