import ServicePlugin

/// One of the user's own apps, from `apps:` in berth.yaml: the generic module every entry is an instance of.
///
/// Unlike a registry module it is built from an ``AppSpec`` rather than options, and its id is the
/// entry's name, so each app has its own folder, `.env`, checks and backups.
public struct App: StackMember {
    public static let id = "app"
    public static let summary = "Your own app: an image with its routes, secrets, volumes and database, from berth.yaml's apps:"
    public static let images: [ImageSpec] = []
    public static let options: [any OptionDeclaration] = []

    public let spec: AppSpec

    public init(_ spec: AppSpec) { self.spec = spec }

    /// The entry's name.
    public var id: String { spec.name }

    /// The app's image (`app`) and, with `database: postgres`, the sidecar's.
    public var images: [ImageSpec] {
        [ImageSpec(name: "app", repository: spec.image, defaultTag: spec.tag)] + (spec.database ? [Self.postgres] : [])
    }

    static let postgres = PostgresSidecar.image(repository: "postgres", defaultTag: "17-alpine")

    /// The database beside the app, named after it.
    var db: PostgresSidecar {
        PostgresSidecar(module: spec.name, service: "\(spec.name)-postgres", name: spec.name.replacingOccurrences(of: "-", with: "_"), passwordKey: "POSTGRES_PASSWORD", image: Self.postgres)
    }

    /// With `database: postgres`, the sidecar: the host adds its service, password key, checks, dump and exclusion.
    public var parts: [any ModulePart] { spec.database ? [db] : [] }
}
