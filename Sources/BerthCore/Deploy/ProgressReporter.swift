/// Receives progress of long steps: step name and elapsed seconds.
public protocol ProgressReporter: Sendable {
    func started(_ step: String)
    func finished(_ step: String, seconds: Double, ok: Bool, note: String?)
    /// What a long step is doing now: the image it pulls, the service it waits on.
    func note(_ step: String, _ message: String)
    /// The deploy's plan, once it is built: what would change, service by service.
    func plan(_ plan: Plan)
}

extension ProgressReporter {
    public func note(_ step: String, _ message: String) {}
    public func plan(_ plan: Plan) {}
}

/// Reports nothing.
public struct SilentProgress: ProgressReporter {
    public init() {}
    public func started(_ step: String) {}
    public func finished(_ step: String, seconds: Double, ok: Bool, note: String?) {}
}
