import Foundation

/// Counts how often the pipeline's costly steps ran (render, validate), for the tests that hold a deploy to each once.
///
/// Task-local, so tests running side by side count only their own work; nil outside such a test costs nothing.
public final class StepCounter: @unchecked Sendable {
    @TaskLocal public static var current: StepCounter?

    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    public init() {}

    /// One more `name`.
    public func add(_ name: String) {
        lock.withLock { counts[name, default: 0] += 1 }
    }

    /// How often `name` ran.
    public func count(_ name: String) -> Int {
        lock.withLock { counts[name] ?? 0 }
    }
}
