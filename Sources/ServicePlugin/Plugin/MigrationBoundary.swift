/// A version where upgrading needs an admin's hand: the fragment changes shape or the data must be migrated.
public struct MigrationBoundary: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// At one version, e.g. Planka 2.0.0.
        case at(String)
        /// At every new first number, e.g. PostgreSQL's data files across major versions.
        case everyMajor
    }

    public var kind: Kind
    /// What crossing it means.
    public var note: String
    /// What the host does during the deploy that crosses it, in order; none leaves the crossing to the admin.
    public var steps: [MigrationStep] = []
    /// The new version changes the module's data in ways no step undoes (its own database migrations at start):
    /// the deploy copies the module's data folders first, with its databases stopped, and puts the copy back on rollback.
    public var checkpoint = false

    /// A boundary at `version`: crossed by any step from below it to it or above.
    public static func at(_ version: String, _ note: String, steps: [MigrationStep] = [], checkpoint: Bool = false) -> MigrationBoundary {
        MigrationBoundary(kind: .at(version), note: note, steps: steps, checkpoint: checkpoint)
    }

    /// A boundary at every major version.
    public static func everyMajor(_ note: String, steps: [MigrationStep] = []) -> MigrationBoundary {
        MigrationBoundary(kind: .everyMajor, note: note, steps: steps)
    }

    /// Whether the host performs the crossing (it has steps), or only tells the admin.
    public var isPerformed: Bool { !steps.isEmpty }

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
        "PostgreSQL data files do not carry across major versions: the deploy (or `berth db upgrade <module> --to <major>`) "
            + "copies each database into the new major beside the old folder, compares every table's rows, and keeps the old folder.",
        steps: [.upgradePostgres]
    )
}
