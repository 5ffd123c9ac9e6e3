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
