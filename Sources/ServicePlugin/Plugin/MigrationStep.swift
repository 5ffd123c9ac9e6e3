/// One step the host performs when a deploy crosses a module's ``MigrationBoundary``, as data.
///
/// Paths are relative to the module's data folder (`<data_root>/<module>/`), or to its scratch folder for
/// ``retire(service:scratch:)``. Each step says how it is undone; a step that cannot be undone is covered by the
/// checkpoint the deploy takes first (``MigrationBoundary/checkpoint``).
public enum MigrationStep: Sendable, Hashable, Codable {
    /// Stop these services of the running release before the data moves. Undone by starting the previous release.
    case stop([String])
    /// Move the folder `from` into `into` (made if missing), merging its contents. Undone by moving it back.
    case move(String, into: String)
    /// Once the new release runs, `argv` in `service`'s container, which must exit 0. Undone by the checkpoint.
    case exec(service: String, argv: [String])
    /// Once the new release runs, wait until `service` logs a line holding `text`.
    case waitForLog(service: String, text: String)
    /// After the new release passed its gate, `service` is gone for good; its scratch folder stays until the next
    /// successful backup. Undone by starting the previous release, which finds the folder where it was.
    case retire(service: String, scratch: String)
    /// Every PostgreSQL sidecar whose major moves is upgraded the way `berth db upgrade` does it, before the start.
    /// Undone by returning to the folder it kept.
    case upgradePostgres

    /// When the host performs it: before the new release starts, after it runs, or after its gate.
    public enum Phase: Int, Sendable, Comparable {
        case beforeStart, afterStart, afterGate
        public static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }
    }

    public var phase: Phase {
        switch self {
        case .stop, .move, .upgradePostgres: .beforeStart
        case .exec, .waitForLog: .afterStart
        case .retire: .afterGate
        }
    }

    /// The step in words, for `berth plan` and `berth update apply`.
    public var summary: String {
        switch self {
        case .stop(let services): "stop \(services.joined(separator: ", "))"
        case .move(let from, let into): "move \(from)/ into \(into)/"
        case .exec(let service, let argv): "run `\(argv.joined(separator: " "))` in \(service)"
        case .waitForLog(let service, let text): "wait for \(service) to log \"\(text)\""
        case .retire(let service, let scratch): "retire \(service) once healthy; keep its \(scratch)/ until the next good backup"
        case .upgradePostgres: "upgrade PostgreSQL (dump, restore into the new major beside the old folder, verify row counts, swap)"
        }
    }

    /// How a failed deploy, or `berth rollback`, undoes it.
    public var undo: String {
        switch self {
        case .stop: "the previous release starts again"
        case .move(let from, let into): "\(into)/ moves back to \(from)/"
        case .exec, .waitForLog: "the checkpoint is put back"
        case .retire(let service, _): "the previous release starts \(service) again on its kept folder"
        case .upgradePostgres: "the kept folder of the old major comes back"
        }
    }
}
