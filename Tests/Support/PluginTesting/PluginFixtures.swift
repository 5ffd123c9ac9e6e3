import ServicePlugin

/// Shared fixtures for module tests: the reference stack's settings.
public enum PluginFixtures {
    public static let stack = StackContext(
        name: "tangram", environment: "production", domain: "tangram-orchestre.fr", timezone: "Europe/Paris",
        acmeEmail: "admin@tangram-orchestre.fr", dataRoot: "/opt/docker-volumes", scratchRoot: "/opt/docker-volumes-no-backup",
        servicesDir: "/opt/services", dumpsDir: "/opt/db-backups"
    )
}
