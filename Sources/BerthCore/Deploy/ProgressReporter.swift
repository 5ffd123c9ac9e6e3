import Foundation

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

/// A report that records timed steps and the first that failed: a deploy's, a recovery's.
public protocol StepReport {
    var steps: [DeployReport.Step] { get set }
    var failedStep: String? { get set }
    var error: String? { get set }
}

extension DeployReport: StepReport {}

extension ProgressReporter {
    /// Runs one named step with progress and records it; failures are re-thrown after recording.
    @discardableResult
    public func step<T, Report: StepReport>(_ name: String, _ report: inout Report, _ body: () async throws -> T) async throws -> T {
        started(name)
        let start = Date()
        do {
            let value = try await body()
            let seconds = Date().timeIntervalSince(start)
            report.steps.append(.init(name: name, ok: true, seconds: seconds))
            finished(name, seconds: seconds, ok: true, note: nil)
            return value
        } catch {
            let seconds = Date().timeIntervalSince(start)
            report.steps.append(.init(name: name, ok: false, seconds: seconds, note: String(describing: error)))
            if report.failedStep == nil {
                report.failedStep = name
                report.error = String(describing: error)
            }
            finished(name, seconds: seconds, ok: false, note: nil)
            throw error
        }
    }
}
