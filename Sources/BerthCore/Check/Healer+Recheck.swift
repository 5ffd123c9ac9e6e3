import Foundation

extension Healer {
    /// What `berth check --heal` ends with: what it did, and the checks as they stand afterwards.
    public struct Outcome: Sendable {
        public var actions: [Action]
        /// The checks run again once what was healed is ready, or as they were when nothing was healed.
        public var results: [CheckResult]
    }

    /// Heals, then waits (until `timeout` seconds from now) for what it started or restarted to run healthy,
    /// and runs the checks again until none fails or the time is up: the final state is the answer.
    public func healThenCheck(_ results: [CheckResult], facts: any RunningState, stack: Stack, engine: CheckRunner, modules: [String], timeout: Double) async throws
        -> Outcome
    {
        try stack.requireContainers("berth check --heal", instead: "the cluster restarts and reschedules tasks itself")
        let deadline = Date().addingTimeInterval(timeout)
        // Where containers are this machine's to touch, what runs is compose's: its containers by service.
        let actions = try await heal(results, stack: stack, facts: facts as? StackFacts ?? StackFacts(containers: [:]))
        guard !actions.isEmpty else { return Outcome(actions: [], results: results) }
        // A service that never gets healthy is reported by the checks below, not as an error of its own.
        _ = try? await HealthGate(remote: remote, project: stack.context.name, runner: runner, progress: progress).wait(
            for: actions.map(\.service), timeout: max(deadline.timeIntervalSinceNow, 0))
        while true {
            let final = try await engine.run(modules)
            if !final.contains(where: { $0.status == .fail }) || Date() >= deadline { return Outcome(actions: actions, results: final) }
            try await Task.sleep(nanoseconds: 1_000_000_000)
        }
    }
}
