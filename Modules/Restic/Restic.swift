import ServicePlugin

/// restic, a second backup engine: snapshots data_root, the deploy tree and the dumps into a local repository.
public struct Restic: ServicePlugin {
    public static let id = "restic"
    public static let summary = "Backup engine (restic): snapshots data_root, the deploy tree and the dumps into a repository folder"

    public static let images = [
        ImageSpec(name: "restic", repository: "restic/restic", defaultTag: "0.18.0", minimumVersion: "0.17.0"),
    ]

    public static let options = [
        OptionSpec("repository", .hostPath(allowEmpty: false), default: .string("/opt/restic-repo"),
                   "Host folder of the restic repository; put it on another disk, or sync it off the server."),
    ]

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    public var provides: [Capability] { [.backupEngine] }

    public func assertions(in context: StackContext) -> [Assertion] {
        let repository = options.string("repository")
        return [
            Assertion(!Self.isUnder(repository, context.dataRoot), path: "services.restic.repository",
                      "must not be under data_root \(context.dataRoot): the repository would back itself up"),
        ]
    }

    static func isUnder(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}
