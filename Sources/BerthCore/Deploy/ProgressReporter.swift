/// Receives progress of long steps: step name and elapsed seconds.
public protocol ProgressReporter: Sendable {
    func started(_ step: String)
    func finished(_ step: String, seconds: Double, ok: Bool, note: String?)
}

/// Reports nothing.
public struct SilentProgress: ProgressReporter {
    public init() {}
    public func started(_ step: String) {}
    public func finished(_ step: String, seconds: Double, ok: Bool, note: String?) {}
}
