import ServicePlugin

extension Rollout {
    /// The rollouts in waves: each wave's apps wait on no app of a later wave (`depends_on`), so a wave's
    /// rollouts run side by side and independent apps do not wait on each other.
    public static func waves(_ rollouts: [Rollout], stack: Stack) -> [[Rollout]] {
        var waitsOn: [String: Set<String>] = [:]
        for module in stack.modules {
            for service in module.fragment.services { waitsOn[service.name] = Set(service.dependsOn.map(\.service)) }
        }
        var remaining = rollouts
        var waves: [[Rollout]] = []
        while !remaining.isEmpty {
            let pending = Set(remaining.map(\.service))
            let ready = remaining.filter { (waitsOn[$0.service] ?? []).isDisjoint(with: pending.subtracting([$0.service])) }
            // A cycle compose itself would refuse: roll the rest out together rather than never.
            let wave = ready.isEmpty ? remaining : ready
            waves.append(wave)
            remaining.removeAll { wave.contains($0) }
        }
        return waves
    }
}

extension DeploySession {
    /// Rolls out the changed stateless apps, wave by wave (``Rollout/waves(_:stack:)``), each wave side by side.
    ///
    /// A failed rollout fails the step only once every other of its wave has ended: none is cut off half-way.
    func rollOut(_ rollouts: [Rollout]) async throws {
        for wave in Rollout.waves(rollouts, stack: stack) {
            let failures = await withTaskGroup(of: (any Error)?.self) { group -> [any Error] in
                for rollout in wave {
                    group.addTask {
                        do {
                            try await runner.check(rollout.command(remote), timeout: Double(rollout.timeout) + 120, what: "rollout of \(rollout.service)")
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                return await group.reduce(into: []) { found, error in if let error { found.append(error) } }
            }
            if let first = failures.first { throw first }
        }
    }
}
