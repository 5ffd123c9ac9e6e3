import ServicePlugin

/// `berth plan`: the deployed release's summary against what would be deployed now.
public struct Planner: Sendable {
    public let stack: Stack
    public let runner: any CommandRunner

    public init(stack: Stack, runner: any CommandRunner) {
        self.stack = stack
        self.runner = runner
    }

    public func plan() async throws -> Plan {
        let store = ReleaseStore(remote: Remote(stack.environment), runner: runner)
        let current = try await store.current()
        let old = try await current.asyncFlatMap { try await store.record($0) }
        // Rendered for the engine the live release was rendered for: the next deploy will find the same one.
        var stack = stack
        if let engine = old?.release.engine { stack = stack.orchestrator.adapted(stack, to: engine) }
        return Plan(from: current, old: old?.summary, new: StackSummary(stack: stack, tree: TreeRenderer.render(stack)), stack: stack)
    }
}
