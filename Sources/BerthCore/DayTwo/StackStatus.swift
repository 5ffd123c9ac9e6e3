import Foundation

/// `berth ps`: every service of the deployed stack with its container's state, health, image and uptime.
public enum StackStatus {
    /// Reads the containers in one round trip (see ``StackFacts``) and lines them up with the stack's services.
    public static func read(_ stack: Stack, runner: any CommandRunner, now: Date = Date()) async throws -> [ServiceStatus] {
        try stack.requireContainers("berth ps", instead: "`docker stack ps` on a manager lists each service's tasks and nodes")
        return rows(stack, facts: try await StackFacts.read(Remote(stack.environment), project: stack.context.name, runner: runner), now: now)
    }

    /// The stack's services in module order (absent ones `missing`), then containers of the project no module renders.
    static func rows(_ stack: Stack, facts: StackFacts, now: Date) -> [ServiceStatus] {
        let expected = stack.serviceNames
        let extra = facts.containers.keys.filter { !expected.contains($0) }.sorted()
        return (expected + extra).map { service in
            let module = stack.module(ofService: service)?.id
            guard let container = facts.containers[service] else { return ServiceStatus(service: service, module: module, state: ServiceStatus.missing) }
            let running = container.state == "running"
            let started = running ? container.startedAt.flatMap(date) : nil
            return ServiceStatus(
                service: service, module: module, state: container.state, health: container.health, image: container.image,
                startedAt: running ? container.startedAt : nil, uptimeSeconds: started.map { max(0, Int(now.timeIntervalSince($0))) }
            )
        }
    }

    /// Docker's `2026-05-01T10:00:00.123456789Z`; the fraction is dropped, as uptime counts whole seconds.
    static func date(_ text: String) -> Date? {
        guard text.count >= 20, text.hasSuffix("Z") else { return nil }
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: String(text.prefix(19)) + "Z")
    }
}
