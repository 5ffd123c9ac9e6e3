/// A version where upgrading needs an admin's hand: the fragment changes shape or the data must be migrated.
public struct MigrationBoundary: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// At one version, e.g. Planka 2.0.0.
        case at(String)
        /// At every new first number, e.g. PostgreSQL's data files across major versions.
        case everyMajor
    }

    public var kind: Kind
    /// What to do before deploying across the boundary.
    public var note: String

    /// A boundary at `version`: crossed by any step from below it to it or above.
    public static func at(_ version: String, _ note: String) -> MigrationBoundary { MigrationBoundary(kind: .at(version), note: note) }

    /// A boundary at every major version.
    public static func everyMajor(_ note: String) -> MigrationBoundary { MigrationBoundary(kind: .everyMajor, note: note) }

    /// Whether going from `current` to `newer` passes this boundary; tags without a version never do.
    public func isCrossed(from current: String, to newer: String) -> Bool {
        guard let old = VersionNumber(tag: current), let new = VersionNumber(tag: newer), old < new else { return false }
        switch kind {
        case .at(let version):
            guard let boundary = VersionNumber(tag: version) else { return false }
            return old < boundary && !(new < boundary)
        case .everyMajor:
            return new.components[0] != old.components[0]
        }
    }
}

extension MigrationBoundary {
    /// PostgreSQL's data folder cannot be read by another major version; a dump can.
    public static let postgresMajor = MigrationBoundary.everyMajor(
        "PostgreSQL data files do not carry across major versions: run `berth backup run <module>`, move the database's "
            + "data folder aside, deploy (the new server starts empty), then `berth backup restore <module> --yes` from the dump."
    )
}
