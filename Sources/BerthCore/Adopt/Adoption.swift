import ServicePlugin

/// What `berth adopt` makes of a running project: each service mapped to a module (pinned to what runs) or an
/// app, or named as not adoptable with the reason.
public struct Adoption: Sendable {
    /// A module that takes over one or more of the project's services.
    public struct Module: Sendable, Equatable {
        public var id: String
        /// The project's services it takes over.
        public var services: [String]
        /// The tag of the module's first image as it runs (`version:`).
        public var version: String?
        /// The tags of its other images as they run (`images:`), the database's major among them.
        public var images: [String: String] = [:]
        /// Module options that keep what runs (`db_user: postgres`, `db_auth: trust`).
        public var options: [(String, String)] = []
        /// What the admin should know: an image that is not the module's, a built image.
        public var notes: [String] = []

        public static func == (lhs: Module, rhs: Module) -> Bool {
            lhs.id == rhs.id && lhs.services == rhs.services && lhs.version == rhs.version && lhs.images == rhs.images
                && lhs.options.map { "\($0.0)=\($0.1)" } == rhs.options.map { "\($0.0)=\($0.1)" } && lhs.notes == rhs.notes
        }
    }

    /// A service no module runs, taken over as one of the stack's own apps.
    public struct App: Sendable, Equatable {
        public var name: String
        public var image: ImageRef
        public var port: Int
    }

    public var project: RunningProject
    public var modules: [Module] = []
    public var apps: [App] = []
    /// Services that neither a module nor an app can take over, with why.
    public var left: [(service: String, reason: String)] = []

    /// The module that takes over `service`, if any.
    public func module(of service: String) -> Module? { modules.first { $0.services.contains(service) } }
}

extension ImageRef {
    /// Reads `[host/]path[:tag][@digest]`; a reference without a tag is `latest`.
    public static func parse(_ reference: String) -> ImageRef? {
        var rest = Substring(reference)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let slash = rest.lastIndex(of: "/") ?? rest.startIndex
        var tag = "latest"
        if let colon = rest[slash...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        return rest.isEmpty ? nil : ImageRef(repository: String(rest), tag: tag, digest: digest)
    }
}
