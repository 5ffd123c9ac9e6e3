/// How many snapshots retention keeps (`backup_keep: { daily: 7, weekly: 4, monthly: 6 }`): the newest of each day,
/// week and month, as restic's `forget --keep-*` and Kopia's retention policy count them.
public struct BackupKeep: Sendable, Hashable, Codable {
    public var daily: Int
    public var weekly: Int
    public var monthly: Int

    public init(daily: Int = 7, weekly: Int = 4, monthly: Int = 6) {
        self.daily = daily
        self.weekly = weekly
        self.monthly = monthly
    }
}
