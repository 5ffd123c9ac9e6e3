/// A `berth db upgrade` that stopped, with what it did until then.
public struct UpgradeFailure: Error, CustomStringConvertible {
    public var report: DatabaseUpgradeReport
    public var message: String
    public var description: String { message }
}
