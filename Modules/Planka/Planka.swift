import ServicePlugin

/// Planka, the kanban board: an app and its PostgreSQL, signed in through the identity provider.
public struct Planka: ServicePlugin {
    public static let id = "planka"
    public static let summary = "Kanban boards (Planka) with PostgreSQL, OIDC sign-in through the identity provider"

    public static let images = [
        ImageSpec(
            name: "app", repository: "ghcr.io/plankanban/planka", defaultTag: "2.1.0", minimumVersion: "1.0.0", supportedBelow: "3.0.0",
            migrations: [
                .at("2.0.0", "Planka 2.x keeps all files in /app/data instead of three folders: move user-avatars, "
                    + "project-background-images and attachments into data/ before deploying (see Planka's upgrade-to-v2 guide)."),
                .at("3.0.0", "Planka 3 is newer than this module: the module must learn its layout before Berth can deploy it."),
            ]
        ),
        ImageSpec(name: "postgres", repository: "postgres", defaultTag: "16-alpine", migrations: [.postgresMajor]),
    ]

    public static let options = [
        OptionSpec("subdomain", .dnsLabel(allowEmpty: false), default: .string("planka"), "Planka is served on <subdomain>.<domain>."),
        OptionSpec("sso", .bool, default: .bool(true), "Sign in through the identity provider (OIDC)."),
        OptionSpec("oidc_enforced", .bool, default: .bool(true), "Allow OIDC sign-in only (no local passwords)."),
        OptionSpec("oidc_admin_roles", .stringList, default: .list([]), "Identity-provider groups whose members become Planka admins."),
        OptionSpec("smtp_host", .string, default: .string(""), "SMTP relay for e-mail notifications; empty disables e-mail."),
        OptionSpec("smtp_port", .integer(1...65535), default: .integer(465), "SMTP port."),
        OptionSpec("smtp_secure", .bool, default: .bool(true), "Use implicit TLS to the SMTP relay."),
        OptionSpec("smtp_from_name", .string, default: .string("Planka"), "Display name of the sender."),
    ]

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    var subdomain: String { options.string("subdomain") }
    var sso: Bool { options.bool("sso") }

    func baseURL(_ context: StackContext) -> String { "https://" + context.host(subdomain) }
}
