/// A SQLite database an app writes while it runs, backed up from a consistent copy rather than file by file.
///
/// Before each snapshot, a hook in the app's container runs `sqlite3 DB "VACUUM INTO 'COPY'"`: one read
/// transaction, so the copy is the database at one moment while the app goes on writing (WAL mode or not).
/// The copy sits beside the database in its data folder, which the snapshot includes; `berth backup restore
/// --snapshot` puts it back in the database's place. The app's image needs `sh` and `sqlite3` (3.27 or later).
///
/// It is a ``ModulePart``: list it in ``StackMember/parts`` and the host adds its backup; the app's service
/// mounts ``volume(_:)``:
///
/// ```swift
/// static let db = SQLiteDatabase(module: id, service: "uptime-kuma", mountedAt: "/app/data", file: "kuma.db")
/// public var parts: [any ModulePart] { [Self.db] }
/// // in compose(in:): volumes: [Self.db.volume(context.stack)]
/// ```
public struct SQLiteDatabase: Sendable, Hashable {
    /// The owning module's id: the data folder is `<data_root>/<module>/<folder>`.
    public var module: String
    /// The compose service whose container holds the database and runs the copy.
    public var service: String
    /// The data folder's name under the module's, and where the container mounts it.
    public var folder: String
    public var mountPath: String
    /// The database's file name in that folder.
    public var file: String

    public init(module: String, service: String, folder: String = "data", mountedAt mountPath: String, file: String) {
        self.module = module
        self.service = service
        self.folder = folder
        self.mountPath = mountPath
        self.file = file
    }

    /// The copy's file name, beside the database.
    public var copyFile: String { file + ".berth-copy" }

    /// Host path of the data folder.
    public func dataPath(_ context: StackContext) -> String { context.dataPath(module, folder) }

    /// The data folder's mount in the app's service.
    public func volume(_ context: StackContext) -> VolumeMount { .data(dataPath(context), mountPath) }

    /// The before-hook: the copy made anew (`VACUUM INTO` wants no file there) from inside the container.
    public var hook: BackupHook {
        // The copy's path is quoted as an SQL string: a ' in it is doubled.
        let script = #"rm -f "$2" && sqlite3 "$1" "VACUUM INTO '$(printf %s "$2" | sed "s/'/''/g")'""#
        return BackupHook("sqlite \(file)", .before, service: service, argv: ["sh", "-c", script, "sqlite-copy", "\(mountPath)/\(file)", "\(mountPath)/\(copyFile)"])
    }

    /// What the restore puts back: the copy over the database, its journal and WAL files removed.
    public func copy(_ context: StackContext) -> ConsistentCopy {
        let live = "\(dataPath(context))/\(file)"
        return ConsistentCopy(live: live, copy: "\(dataPath(context))/\(copyFile)", companions: ["-wal", "-shm", "-journal"].map { live + $0 })
    }
}

extension SQLiteDatabase: ModulePart {
    /// The data folder included, the hook and the copy.
    public func backup(in context: RenderContext) -> BackupSpec {
        BackupSpec(include: [dataPath(context.stack)], hooks: [hook], copies: [copy(context.stack)])
    }
}
