import Foundation

/// The edits of the example berth.yaml the suite judges.
extension SchemaTests {
    static func replace(_ old: String, _ new: String) -> @Sendable (String) -> String { BadConfigTests.replace(old, new) }
    static let ci = "ci:\n  berth:\n    url: https://example.org/berth-1.0.tar.gz\n    sha256: "

    static let bad: [Case] = [
        Case(name: "unknown root key", edit: replace("timezone:", "timezon:"), schemaSays: "'timezon' was unexpected", berthSays: "timezon: unknown key"),
        Case(
            name: "unknown module", edit: replace("  watchtower:", "  nextcloud: {}\n  watchtower:"), schemaSays: "services: Additional properties",
            berthSays: "services.nextcloud: unknown module"),
        Case(
            name: "unknown module option", edit: replace("{ subdomain: planka,", "{ subdomian: planka,"), schemaSays: "services.planka: Additional properties",
            berthSays: "services.planka.subdomian: unknown key"),
        Case(
            name: "bool option given a word", edit: replace("monitor_only: true", "monitor_only: maybe"), schemaSays: "services.watchtower.monitor_only: 'maybe' is not of type",
            berthSays: "services.watchtower.monitor_only: must be true or false"),
        Case(
            name: "list option given a string", edit: replace("oidc_admin_roles: [bureau]", "oidc_admin_roles: bureau"),
            schemaSays: "services.planka.oidc_admin_roles: 'bureau' is not of type", berthSays: "services.planka.oidc_admin_roles: must be a list of strings"),
        Case(
            name: "integer out of range", edit: replace("{ dashboard: traefik }", "{ dashboard: traefik, https_port: 70000 }"),
            schemaSays: "services.traefik.https_port: 70000 is greater than the maximum", berthSays: "services.traefik.https_port: must be from 1 to 65535"),
        Case(
            name: "option outside its enum", edit: replace("{ dashboard: traefik }", "{ dashboard: traefik, log_level: LOUD }"),
            schemaSays: "services.traefik.log_level: 'LOUD' is not one of", berthSays: "services.traefik.log_level: must be one of"),
        Case(
            name: "subdomain not a DNS label", edit: replace("{ subdomain: planka,", "{ subdomain: \"Plan ka\","), schemaSays: "services.planka.subdomain: 'Plan ka' does not match",
            berthSays: "services.planka.subdomain: must be a DNS label"),
        Case(
            name: "unknown environment member", edit: replace("    certificates: internal", "    certificate: internal"),
            schemaSays: "environments.local: Additional properties", berthSays: "environments.local.certificate: unknown key"),
        Case(
            name: "certificates outside its enum", edit: replace("certificates: internal", "certificates: self-signed"),
            schemaSays: "environments.local.certificates: 'self-signed' is not one of", berthSays: "environments.local.certificates: must be acme or internal"),
        Case(
            name: "ssh timeout out of range", edit: replace("/opt/services\" }", "/opt/services\", ssh: { connect_timeout: 0 } }"),
            schemaSays: "environments.production.ssh.connect_timeout: 0 is less than the minimum", berthSays: "environments.production.ssh.connect_timeout: must be whole seconds"),
        Case(
            name: "app without image", edit: replace("    image: ghcr.io/tangram-orchestre/showcase-website\n", ""), schemaSays: "apps.website: 'image' is a required property",
            berthSays: "apps.website.image: is required"),
        Case(
            name: "app route to a bad host", edit: replace("{ hosts: [www],", "{ hosts: [\"w w\"],"), schemaSays: "apps.website.routes.0.hosts.0: 'w w' does not match",
            berthSays: "apps.website.routes[0].hosts: host 'w w'"),
        Case(
            name: "backup time past midnight", edit: replace("timezone: Europe/Paris", "timezone: Europe/Paris\nbackup_schedule: \"25:00\""),
            schemaSays: "backup_schedule: '25:00' does not match", berthSays: "backup_schedule: must be a time of day"),
        Case(name: "unknown time zone", edit: replace("Europe/Paris", "Mars/Olympus"), schemaSays: "timezone: 'Mars/Olympus' is not one of", berthSays: "timezone: must be an IANA time zone"),
        Case(
            name: "ci.berth.sha256 not 64 hex digits", edit: { $0 + Self.ci + "ABCDEF\n" }, schemaSays: "ci.berth.sha256: 'ABCDEF' does not match",
            berthSays: ": ci"),
        Case(name: "ci without its release", edit: { $0 + "ci: {}\n" }, schemaSays: "ci: 'berth' is a required property", berthSays: "ci.berth: is required"),
        Case(
            name: "a notifier of an unknown scheme", edit: { $0 + "notify: [\"ftp://files.example.org/x\"]\n" }, schemaSays: "notify.0: 'ftp://files.example.org/x' is not valid",
            berthSays: "notify[0]: unsupported notifier"),
        Case(
            name: "a secret not named module.KEY", edit: { $0 + "secrets:\n  SMTP_PASSWORD: { command: \"pass show smtp\" }\n" },
            schemaSays: "secrets: 'SMTP_PASSWORD' does not match", berthSays: "secrets.SMTP_PASSWORD: must be named module.KEY"),
    ]

    /// Edits in shorthand forms the readers take: both the schema and `berth validate` accept them.
    static let good: [Case] = [
        Case(name: "a module left blank", edit: replace("  kopia: { subdomain: kopia }", "  kopia:"), schemaSays: "", berthSays: ""),
        Case(name: "an option left empty", edit: replace("{ dashboard: traefik }", "{ dashboard: \"\" }"), schemaSays: "", berthSays: ""),
        Case(name: "user as a plain number", edit: replace("timezone: Europe/Paris", "timezone: Europe/Paris\nuser: 1000"), schemaSays: "", berthSays: ""),
        Case(name: "a numeric tag", edit: replace("    tag: latest", "    tag: 2"), schemaSays: "", berthSays: ""),
        Case(
            name: "volumes, secrets and health in both forms",
            edit: replace(
                "    health: { path: /version }",
                "    health: { command: [wget, -q, --spider, localhost:3000] }\n    volumes: { data: /data, cache: { path: /cache, scratch: true } }\n"
                    + "    secrets: { APP_KEY: required, APP_SALT: { length: 64, alphabet: hex } }"),
            schemaSays: "", berthSays: ""),
        Case(name: "a pinned release for ci", edit: { $0 + Self.ci + String(repeating: "0123456789abcdef", count: 4) + "\n" }, schemaSays: "", berthSays: ""),
    ]
}
