/// An image a module runs: its repository, default tag and the versions it supports.
public struct ImageSpec: Sendable, Hashable {
    /// A short name for the image inside the module, e.g. `server` or `postgres`.
    public var name: String
    /// The repository, e.g. `ghcr.io/goauthentik/server`.
    public var repository: String
    /// The tag used when neither `berth.yaml` nor `berth.lock` says otherwise.
    public var defaultTag: String
    /// The oldest version the module can render for, if any.
    public var minimumVersion: String?
    /// The first version the module does not support (an exclusive upper bound), if any.
    ///
    /// `berth update` shows newer versions past it with the module's migration notes but never pins them.
    public var supportedBelow: String?
    /// Versions where the fragment or the data changes shape, each with what an admin must do.
    public var migrations: [MigrationBoundary]

    public init(
        name: String, repository: String, defaultTag: String, minimumVersion: String? = nil, supportedBelow: String? = nil,
        migrations: [MigrationBoundary] = []
    ) {
        self.name = name
        self.repository = repository
        self.defaultTag = defaultTag
        self.minimumVersion = minimumVersion
        self.supportedBelow = supportedBelow
        self.migrations = migrations
    }
}

extension ImageSpec {
    /// Whether the module supports `tag`: not below ``minimumVersion``, below ``supportedBelow``; tags without a version count as supported.
    public func supports(_ tag: String) -> Bool {
        guard let version = VersionNumber(tag: tag) else { return true }
        if let minimum = minimumVersion.flatMap(VersionNumber.init(tag:)), version < minimum { return false }
        if let bound = supportedBelow.flatMap(VersionNumber.init(tag:)), !(version < bound) { return false }
        return true
    }

    /// The migration boundaries a step from `current` to `newer` crosses, in version order.
    public func boundaries(from current: String, to newer: String) -> [MigrationBoundary] {
        migrations.filter { $0.isCrossed(from: current, to: newer) }
    }

    /// Every migration note, for showing next to a version the module does not support.
    public var migrationNotes: [String] { migrations.map(\.note) }
}

/// A concrete image reference: repository and tag.
public struct ImageRef: Sendable, Hashable, CustomStringConvertible {
    public var repository: String
    public var tag: String
    /// The manifest digest the tag was resolved to (`sha256:…`), when pinned; Docker pulls by it and ignores the tag.
    public var digest: String?

    public init(repository: String, tag: String, digest: String? = nil) {
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// `repository:tag`, and `@digest` when pinned.
    public var description: String { "\(repository):\(tag)" + (digest.map { "@\($0)" } ?? "") }
}

extension ImageRef {
    /// The registry host of the repository; Docker Hub when the first part names no host.
    public var registry: String {
        let first = repository.split(separator: "/").first.map(String.init) ?? repository
        return Self.isHost(first) && repository.contains("/") ? first : "docker.io"
    }

    /// The repository path inside its registry, with Docker Hub's implicit `library/`.
    public var path: String {
        var parts = repository.split(separator: "/").map(String.init)
        if parts.count > 1, Self.isHost(parts[0]) { parts.removeFirst() }
        if registry == "docker.io" && parts.count == 1 { parts.insert("library", at: 0) }
        return parts.joined(separator: "/")
    }

    /// The same image pulled through a mirror registry: `<mirror>/<path>:<tag>`.
    public func mirrored(through mirror: String) -> ImageRef {
        ImageRef(repository: "\(mirror)/\(path)", tag: tag, digest: digest)
    }

    static func isHost(_ part: String) -> Bool {
        part.contains(".") || part.contains(":") || part == "localhost"
    }
}
