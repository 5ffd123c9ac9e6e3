/// What the target's Docker engine can run that an older one refuses; rendering leaves out what it cannot.
///
/// `berth render` knows no engine and writes what every engine runs (``baseline``); a deploy learns the
/// version in preflight and renders for it.
public struct DockerFeatures: Sendable, Hashable, Codable {
    /// Healthchecks' `start_interval` (Engine 25, API 1.44): Compose refuses the key on an older engine.
    public var startInterval: Bool

    public init(startInterval: Bool) {
        self.startInterval = startInterval
    }

    /// Runs on any engine Compose v2 supports.
    public static let baseline = DockerFeatures(startInterval: false)

    /// The features of the engine `docker info` reports as `version` (`20.10.24+dfsg1`, `26.1.5`, `28.2.2`).
    public init(dockerVersion version: String) {
        let major = Int(version.prefix { $0.isNumber }) ?? 0
        startInterval = major >= 25
    }
}
