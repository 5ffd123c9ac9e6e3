/// An image a module runs: its repository, pinned tag and the versions it supports.
public struct ImageSpec: Sendable, Hashable {
    /// A short name for the image inside the module, e.g. `server` or `postgres`.
    public var name: String
    /// The repository, e.g. `ghcr.io/goauthentik/server`.
    public var repository: String
    /// The tag used when neither `berth.yaml` nor `berth.lock` says otherwise.
    public var defaultTag: String
    /// The oldest version the module can render for, if any.
    public var minimumVersion: String?
    /// Shown when a version crosses a boundary where the fragment changes shape.
    public var migrationNote: String?

    public init(name: String, repository: String, defaultTag: String, minimumVersion: String? = nil, migrationNote: String? = nil) {
        self.name = name
        self.repository = repository
        self.defaultTag = defaultTag
        self.minimumVersion = minimumVersion
        self.migrationNote = migrationNote
    }
}

/// A concrete image reference: repository and tag.
public struct ImageRef: Sendable, Hashable, CustomStringConvertible {
    public var repository: String
    public var tag: String

    public init(repository: String, tag: String) {
        self.repository = repository
        self.tag = tag
    }

    public var description: String { "\(repository):\(tag)" }
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
        ImageRef(repository: "\(mirror)/\(path)", tag: tag)
    }

    static func isHost(_ part: String) -> Bool {
        part.contains(".") || part.contains(":") || part == "localhost"
    }
}
