/// What a deploy did, for `--json` and for the closing lines.
public struct DeployReport: Codable, Sendable {
    public struct Step: Codable, Sendable {
        public var name: String
        public var ok: Bool
        public var seconds: Double
        public var note: String?
    }

    public var environment: String
    public var ok = false
    public var release: String?
    public var previousRelease: String?
    public var plan: Plan?
    public var steps: [Step] = []
    public var failedStep: String?
    public var error: String?
    public var rolledBack = false
    /// The live release runs exactly what this deploy would: nothing was synced, pulled, started or recorded.
    public var unchanged = false
    public var rollbackError: String?
    /// A first deploy failed and removed every container it had created: the server runs what it ran before.
    public var removedFirstDeploy = false
    /// A switch (`--adopt`) that failed: the project it was taking over runs again, as it was.
    public var gaveBack: String?
    /// What preflight found worth saying that does not stop a deploy (a foreign read-only mount of a data folder).
    public var warnings: [String] = []

    public init(environment: String) { self.environment = environment }
}
