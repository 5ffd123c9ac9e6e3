/// One machine that holds an environment's data: the folders and named volumes `berth remove --purge` deletes there.
public struct DataHolder: Sendable, Equatable {
    /// The machine: the target, or a Swarm node.
    public var remote: Remote
    /// The node's name; nil for the target.
    public var node: String?
    /// The label every container and named volume of the stack carries there (`com.docker.compose.project=NAME`).
    public var label: String
    /// The data and scratch folders of the services that may run there, and the dumps of its databases.
    public var folders: [String]
    /// The roots those folders sit under (`data_root`, `scratch_root`, `dumps_dir`): the empty parents up to them go too.
    public var roots: [String]

    public init(remote: Remote, node: String? = nil, label: String, folders: [String], roots: [String]) {
        self.remote = remote
        self.node = node
        self.label = label
        self.folders = folders
        self.roots = roots
    }
}
