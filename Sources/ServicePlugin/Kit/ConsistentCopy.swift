/// A live file the snapshot cannot read safely, copied consistently beside it by a before-hook.
///
/// The snapshot holds both; `berth backup restore --snapshot` then puts the copy in the live file's place
/// and removes the ``companions`` that belonged to the torn one. ``SQLiteDatabase`` makes one.
public struct ConsistentCopy: Sendable, Hashable {
    /// Host path of the file the app writes.
    public var live: String
    /// Host path of the copy, in a folder the snapshot includes.
    public var copy: String
    /// Host paths of files that go with the live one and would spoil the copy (SQLite's `-wal`, `-shm`, `-journal`).
    public var companions: [String]

    public init(live: String, copy: String, companions: [String] = []) {
        self.live = live
        self.copy = copy
        self.companions = companions
    }
}
