/// One repository's retention run of `berth backup prune`, as data: the command, and where it must run.
///
/// A repository off the server is pruned from the admin's machine, with a login that may delete and that the server
/// never has (its own may only add snapshots); one on the server, by the engine's container there.
public struct PruneRun: Sendable, Hashable {
    public enum Place: Sendable, Hashable {
        /// On this machine: `argv` with ``PruneRun/environment``, whose variables are read from `secrets:`.
        case here
        /// In the engine's container on the server, with its own environment.
        case server
    }

    /// The repository, as messages name it.
    public var repository: String
    public var place: Place
    public var argv: [String]
    /// The program a run ``Place/here`` needs on this machine, for the message when it is missing.
    public var program: String
    /// The variables a run ``Place/here`` needs; each `.env` variable is a key of the engine's module, from `secrets:`.
    public var environment: [EnvironmentEntry]

    public init(repository: String, place: Place, argv: [String], program: String, environment: [EnvironmentEntry] = []) {
        self.repository = repository
        self.place = place
        self.argv = argv
        self.program = program
        self.environment = environment
    }
}
