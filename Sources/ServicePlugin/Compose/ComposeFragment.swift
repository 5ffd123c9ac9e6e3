/// Everything one module contributes to its folder: services and extra files.
public struct ComposeFragment: Sendable, Hashable {
    public var services: [ComposeService]
    public var files: [ExtraFile]
    /// Networks the folder declares (besides compose's `default`), shared across the project.
    public var networks: [String] = []
    /// Networks of another project the folder's services join, by compose key: the real name (`tangram_berth-live`).
    public var externalNetworks: [String: String] = [:]

    public init(services: [ComposeService], files: [ExtraFile] = []) {
        self.services = services
        self.files = files
    }

    /// The service with this name.
    public subscript(service name: String) -> ComposeService? {
        services.first { $0.name == name }
    }
}

/// A file rendered next to the module's compose file, e.g. `traefik.yml` or a blueprint.
public struct ExtraFile: Sendable, Hashable {
    /// The path relative to the module folder.
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }

    /// A YAML file rendered from a value tree.
    public static func yaml(_ path: String, _ value: YAMLValue, header: String? = nil) -> ExtraFile {
        ExtraFile(path: path, contents: (header.map { "# \($0)\n" } ?? "") + YAMLEmitter.emit(value))
    }
}
