import ServicePlugin

/// Planka, the kanban board: an app and its PostgreSQL, signed in through the identity provider.
public struct Planka: ServicePlugin {
    public static let id = "planka"
    public static let summary = "Kanban boards (Planka) with PostgreSQL, OIDC sign-in through the identity provider"

    static let app = ImageSpec(
        name: "app", repository: "ghcr.io/plankanban/planka", defaultTag: "2.1.0", minimumVersion: "1.0.0", supportedBelow: "3.0.0",
        migrations: [
            .at(
                "2.0.0",
                "Planka 2.x keeps every file in /app/data instead of three folders, and migrates its database when it starts: "
                    + "the deploy stops Planka, moves the folders into data/ (as Planka's upgrade-to-v2 guide does), and copies "
                    + "the module's data first, so a rollback returns to 1.x with the data as it was.",
                steps: [
                    .stop([web.name]),
                    .move("user-avatars", into: "data/protected/user-avatars"),
                    .move("project-background-images", into: "data/protected/background-images"),
                    .move("attachments", into: "data/private/attachments"),
                ],
                checkpoint: true),
            .at("3.0.0", "Planka 3 is newer than this module: the module must learn its layout before Berth can deploy it."),
        ]
    )
    static let postgres = PostgresSidecar.image(repository: "postgres", defaultTag: "17-alpine")
    public static let images = [app, postgres]

    static let subdomain = OptionKey("subdomain", .dnsLabel(allowEmpty: false), default: "planka", "Planka is served on <subdomain>.<domain>.")
    static let sso = OptionKey("sso", default: true, "Sign in through the identity provider (OIDC).")
    static let oidcEnforced = OptionKey("oidc_enforced", default: true, "Allow OIDC sign-in only (no local passwords).")
    static let oidcAdminRoles = OptionKey("oidc_admin_roles", default: [], "Identity-provider groups whose members become Planka admins.")
    static let smtpHost = OptionKey<String?>("smtp_host", unsetByDefault: "SMTP relay for e-mail notifications; empty disables e-mail.")
    static let smtpPort = OptionKey("smtp_port", in: 1...65535, default: 465, "SMTP port.")
    static let smtpSecure = OptionKey("smtp_secure", default: true, "Use implicit TLS to the SMTP relay.")
    static let smtpFromName = OptionKey("smtp_from_name", default: "Planka", "Display name of the sender.")
    public static let options: [any OptionDeclaration] =
        [subdomain, sso, oidcEnforced, oidcAdminRoles, smtpHost, smtpPort, smtpSecure, smtpFromName] + PostgresSidecar.optionKeys

    /// The app's service and its HTTP port.
    static let web = ServiceKey("planka", port: 1337)

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    var sso: Bool { options[Self.sso] }

    /// The board's database: its own role and database, unless `db_user`, `db_name` or `db_auth` keep a found cluster's.
    var db: PostgresSidecar {
        PostgresSidecar(module: Self.id, service: "planka-postgres", name: "planka", passwordKey: "DB_PASSWORD", image: Self.postgres, options: options)
    }

    public var parts: [any ModulePart] { [db] }

    public func backup(in context: RenderContext) -> BackupSpec {
        BackupSpec(include: dataMounts(context).map(\.source))
    }

    func baseURL(_ context: StackContext) -> String { "https://" + context.host(options[Self.subdomain]) }
}
