import Foundation
import ServicePlugin

/// A JSON Schema (draft 2020-12) of `berth.yaml`, for editors that complete and check it as the admin types.
///
/// Built from what the config readers accept: their key lists, their enums, and every registered module's
/// declared options with their types, defaults and descriptions, so a new module appears without an edit here.
/// `# yaml-language-server: $schema=./berth.schema.json` at the top of `berth.yaml` points an editor at it.
public enum ConfigSchema {
    /// The schema's file name beside `berth.yaml`.
    public static let fileName = "berth.schema.json"

    /// The line that points yaml-language-server at ``fileName``.
    public static let editorLine = "# yaml-language-server: $schema=./\(fileName)"

    /// The schema as JSON text: sorted keys, pretty, with a trailing newline, as ``fileName`` holds it.
    public static func json(registry: PluginRegistry) -> String {
        document(registry: registry).text
    }

    /// The schema as a value.
    public static func document(registry: PluginRegistry) -> SchemaValue {
        object(rootProperties(registry), required: ["name", "domain", "acme_email", "services", "environments"], "The config of a Berth stack: its modules, apps and environments.")
            .with("$schema", "https://json-schema.org/draft/2020-12/schema")
            .with("title", "berth.yaml")
    }

    /// The top-level keys, ``ConfigReader/topLevelKeys``.
    static func rootProperties(_ registry: PluginRegistry) -> [String: SchemaValue] {
        let keep = BackupKeep()
        let zones = Set(TimeZone.knownTimeZoneIdentifiers + ["UTC"]).sorted()
        return [
            "name": text(Pattern.projectName, "The Compose project name: lowercase letters, digits, '-' and '_'."),
            "domain": text(Pattern.hostname, "Routes are <subdomain>.<domain>.").with("maxLength", 253),
            "timezone": oneOf(zones, "An IANA time zone, passed to containers as TZ.", default: "UTC"),
            "acme_email": text(Pattern.email, "The address the ACME CA (Let's Encrypt) registers certificates to."),
            "data_root": text(Pattern.hostPath, "Where persistent bind mounts live; must be backed up.", default: "/opt/docker-volumes"),
            "scratch_root": text(Pattern.hostPath, "Caches and logs, never backed up.", default: "/opt/docker-volumes-no-backup"),
            "dumps_dir": text(Pattern.hostPath, "Where database dumps are written.", default: "/opt/db-backups"),
            "user": user("uid:gid application containers run as.", default: "1000:1000"),
            "backup_schedule": text(Pattern.dailyTime, "The daily backup time (HH:MM, server time), or off.", default: "05:00"),
            "backup_copy_to": text(
                Pattern.backupRepository(BackupRepository.Scheme.allCases),
                "A second repository each snapshot is copied to: a folder, or s3:, rest:, webdav:, sftp:; credentials are COPY_ keys of the engine's .env."),
            "backup_keep": object(
                [
                    "daily": integer(0...1000, "Daily snapshots kept.", default: keep.daily),
                    "weekly": integer(0...1000, "Weekly snapshots kept.", default: keep.weekly),
                    "monthly": integer(0...1000, "Monthly snapshots kept.", default: keep.monthly),
                ], "What berth backup prune keeps; at least one count above 0."),
            "services": services(registry),
            "apps": apps(registry),
            "environments": environments(registry),
            "secrets": secretCommands,
            "notify": notify,
            "ci": ci,
        ]
    }
}
