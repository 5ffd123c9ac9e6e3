import ServicePlugin

/// What `berth update check` found for one image of one module.
public struct ImageUpdate: Codable, Sendable, Equatable {
    /// A newer version at one step, with whether `berth update apply` may pin it.
    public struct Candidate: Codable, Sendable, Equatable {
        public var tag: String
        /// Inside the module's supported range.
        public var supported: Bool
        /// Notes of the migration boundaries between the current version and this one.
        public var migrations: [String]
    }

    public var module: String
    /// The image's name inside its module (`server`, `postgres`), or the reference for `--image`.
    public var image: String
    /// The compose services that run it.
    public var services: [String]
    /// The repository as the module names it, e.g. `ghcr.io/plankanban/planka`.
    public var repository: String
    /// Where the tags were read: the registry host and path, through the environment's mirror when it has one.
    public var queried: String
    public var current: String
    /// Where the current tag comes from: berth.yaml, berth.lock or the module's default.
    public var source: TagSource
    public var patch: Candidate?
    public var minor: Candidate?
    public var major: Candidate?
    /// The tag now names another build than the one deployed (a floating tag such as `16-alpine`, or a re-pushed one).
    public var newBuild: Bool
    public var deployedDigest: String?
    public var registryDigest: String?
    public var notes: [String]
    /// Why the registry could not be read for this image.
    public var error: String?
    /// How long this image's queries took, tokens and retries included.
    public var queryMs = 0
    /// Every tag the registry listed, for `apply`; not reported.
    var tags: [String] = []

    enum CodingKeys: String, CodingKey {
        case module, image, services, repository, queried, current, source, patch, minor, major, newBuild, deployedDigest, registryDigest, notes, error, queryMs
    }

    /// A newer version or a new build exists.
    public var hasUpdate: Bool { patch != nil || minor != nil || major != nil || newBuild }

    /// The candidate at one step.
    public func candidate(_ step: TagShape.Step) -> Candidate? {
        switch step {
        case .patch: patch
        case .minor: minor
        case .major: major
        }
    }
}
