/// One step of `update.sh`; `berth deploy` runs build, `up` and prune as these commands, and pulls side by side itself.
public enum UpdateStep: String, Sendable, CaseIterable, Codable {
    case pull
    case build
    case up
    case prune

    /// The step's command on the server, run in the deploy folder.
    public var argv: [String] {
        switch self {
        case .pull: ["docker", "compose", "pull"]
        case .build: ["docker", "compose", "build"]
        case .up: ["docker", "compose", "up", "-d", "--remove-orphans"]
        case .prune: ["docker", "image", "prune", "-f"]
        }
    }
}
