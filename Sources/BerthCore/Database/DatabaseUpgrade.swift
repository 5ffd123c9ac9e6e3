import ServicePlugin

/// One PostgreSQL sidecar moved to a newer major: the names and commands of `berth db upgrade`, as values.
///
/// Builders only: ``DatabaseUpgrader`` runs them, in order, and decides what a failure undoes. The new
/// cluster is built beside the old one (`<folder>.pg<to>.partial`) by a helper container of the new image;
/// only a verified copy is swapped in, and the old folder stays as `<folder>.pg<from>`.
public struct DatabaseUpgrade: Sendable {
    /// The sidecar: its module, service, data folder and image.
    public let database: DatabaseMajors.Database
    /// The major to move to, and the image that runs it (the current tag with its major replaced).
    public let to: Int
    public let target: ImageRef
    public let project: String
    public let remote: Remote
    /// Where this upgrade's dumps go: `<dumps_dir>/<module>/upgrade-<service>-pg<to>`.
    public let dumps: String

    public init(database: DatabaseMajors.Database, to major: Int, project: String, dumpsDir: String, remote: Remote) {
        self.database = database
        to = major
        target = ImageRef(repository: database.image.repository, tag: Self.tag(database.image.tag, major: major))
        self.project = project
        self.remote = remote
        dumps = "\(dumpsDir)/\(database.module)/upgrade-\(database.service)-pg\(major)"
    }

    /// `tag` naming `major` instead: `14-alpine` → `17-alpine`, `14.5` → `17`.
    public static func tag(_ tag: String, major: Int) -> String {
        "\(major)" + tag.drop { $0.isNumber || $0 == "." }
    }

    /// The folder the new cluster is built in, until the swap.
    public var newFolder: String { database.folder + ".pg\(to).partial" }

    /// Where the old cluster is kept after the swap.
    public func kept(_ major: Int) -> String { database.folder + ".pg\(major)" }

    /// The helper container that runs the new major until the swap.
    public var helper: String { "berth-pgupgrade-\(project)-\(database.service)" }

    /// The facts the check needs (`key=value` lines, see ``Facts``).
    public func check() -> ShellCommand {
        remote.script(Self.checkScript, [database.folder, target.description, database.service, project])
    }

    /// The new server started beside the old one, and every database streamed into it.
    public func copy() -> ShellCommand {
        remote.script(Self.copyScript, [database.folder, newFolder, dumps, target.description, helper, database.service, project])
    }

    /// Every table's exact row count, in the old server (nil) or the helper.
    public func counts(in container: String?) -> ShellCommand {
        remote.script(Self.countScript, [container ?? "", AdoptionSwitch.countScript, database.service, project])
    }

    /// The helper killed, as a crash would: the fault point `db-upgrade.before-swap` of the fault suite.
    public func killHelper() -> ShellCommand { remote.command([.plain("docker"), .plain("kill"), .plain(helper)]) }

    /// The helper and the old server stopped, the folders swapped.
    public func swap(from major: Int) -> ShellCommand {
        remote.script(Self.swapScript, [database.folder, newFolder, kept(major), helper, database.service, project])
    }

    /// What a copy that failed before the swap leaves, removed.
    public func discard() -> ShellCommand { remote.script(Self.discardScript, [helper, newFolder]) }

    /// The kept folder of `major` back in place; the one that served moves to `aside`.
    public func returning(to major: Int, aside: String) -> ShellCommand {
        remote.script(Self.returnScript, [database.folder, aside, kept(major)])
    }

    /// `docker compose stop`/`start` of some of the project's services, in the deploy folder.
    public func compose(_ verb: String, _ services: [String]) -> ShellCommand { remote.compose(verb, services) }
}

extension Remote {
    /// `docker compose VERB SERVICE…` in the deploy folder.
    func compose(_ verb: String, _ services: [String]) -> ShellCommand {
        command([.plain("docker"), .plain("compose"), .plain(verb)] + services.map(ShellCommand.Argument.plain), in: root)
    }
}

extension DatabaseUpgrade {
    /// What the check read on the server.
    public struct Facts: Sendable, Equatable {
        public var major: Int?
        /// Folders beside the data folder that earlier upgrades kept, or moved aside.
        public var kept: [String] = []
        public var available: Int64?
        public var size: Int64?
        /// The first line of the target image's `postgres --version`, or nil when the image cannot be had.
        public var binary: String?

        public init(_ output: String) {
            for line in output.split(separator: "\n") {
                guard let equals = line.firstIndex(of: "=") else { continue }
                let key = line[..<equals], value = String(line[line.index(after: equals)...])
                switch key {
                case "pgversion": major = DatabaseMajors.major(of: value)
                case "kept": kept.append(value)
                case "avail": available = Int64(value)
                case "size": size = Int64(value.trimmingCharacters(in: .whitespaces))
                case "binary": binary = value.isEmpty ? nil : value
                default: continue
                }
            }
        }

        /// The major the binary reports (`postgres (PostgreSQL) 17.12` → 17).
        public var binaryMajor: Int? {
            binary.flatMap { $0.split(separator: " ").last }.flatMap { DatabaseMajors.major(of: String($0)) }
        }
    }
}
