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
        let old = try await current.asyncFlatMap { try await store.record($0)?.summary }
        return Plan(from: current, old: old, new: StackSummary(stack: stack, tree: TreeRenderer.render(stack)))
    }
}
