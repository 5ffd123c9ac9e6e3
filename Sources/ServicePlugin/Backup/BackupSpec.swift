/// What a module needs backed up, as data; the backup engine does the work.
public struct BackupSpec: Sendable, Hashable {
    public var dumps: [PostgresDump]
    /// Host paths the snapshot must include.
    public var include: [String]
    /// Host paths deliberately left out (caches, logs), each with the reason.
    public var exclude: [Exclusion]
    /// Commands run before the dumps and after the snapshot.
    public var hooks: [BackupHook]
    /// Files a before-hook copies consistently, which `berth backup restore --snapshot` puts back in place.
    public var copies: [ConsistentCopy]

    public init(dumps: [PostgresDump] = [], include: [String] = [], exclude: [Exclusion] = [], hooks: [BackupHook] = [], copies: [ConsistentCopy] = []) {
        self.dumps = dumps
        self.include = include
        self.exclude = exclude
        self.hooks = hooks
        self.copies = copies
    }

    public var isEmpty: Bool { dumps.isEmpty && include.isEmpty && exclude.isEmpty && hooks.isEmpty && copies.isEmpty }
}

/// A `pg_dump` of one database, taken inside its container.
public struct PostgresDump: Sendable, Hashable {
    public var service: String
    public var database: String
    public var user: String

    public init(service: String, database: String, user: String) {
        self.service = service
        self.database = database
        self.user = user
    }
}

/// A path left out of backups, and why.
public struct Exclusion: Sendable, Hashable {
    public var path: String
    public var reason: String

    public init(_ path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
