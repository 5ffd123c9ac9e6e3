import Foundation
import ServicePlugin

extension BackupRunner {
    /// Dumps each database on the node its task runs on, then snapshots each node that holds persistent data.
    ///
    /// The backup engine runs on every node (`mode: global`): each task snapshots its own node's data,
    /// dumps and deploy folders, tagged with that node's hostname, into the one repository the engine is set up with.
    func swarmDumpsAndSnapshots(
        _ modules: [StackModule], settings: SwarmSettings, engine: (module: StackModule, engine: any BackupTool)?, release: String?
    ) async -> [BackupStep] {
        let facts: SwarmFacts
        do {
            facts = try await SwarmFacts.read(remote, stack: stack.context.name, runner: runner)
        } catch {
            return [BackupStep(kind: .dump, module: "cluster", name: "tasks", ok: false, durationMs: 0, message: String(describing: error))]
        }
        var steps: [BackupStep] = []
        for module in modules {
            for dump in module.backup.dumps {
                guard let task = facts.tasks.first(where: { $0.service == dump.service && $0.state.hasPrefix("Running") }), let node = settings.node(task.node) else {
                    steps.append(BackupStep(kind: .dump, module: module.id, name: dump.database, ok: false, durationMs: 0, message: "no running task of \(dump.service); the last good dump is kept"))
                    continue
                }
                var step = await self.dump(dump, plugin: module.id, command: DumpScript.swarmCommand(dump, plugin: module.id, node: remote.node(node), context: stack.context))
                if step.ok { step.message += " on \(node.name)" }
                steps.append(step)
            }
        }
        guard let (engineModule, engine) = engine else { return steps }
        // The manager holds the deploy folder and its .env files (the engine's own password among them).
        var snapshotted = Set(SwarmPlacement.all(stack).filter(\.stateful).flatMap { $0.nodes(settings).map(\.name) })
        if let manager = settings.nodes.first(where: { remote.node($0).destination == remote.destination }) { snapshotted.insert(manager.name) }
        for node in settings.nodes where snapshotted.contains(node.name) {
            steps.append(await snapshot(engine, plugin: engineModule.id, release: release, node: (node, remote.node(node))))
        }
        return steps
    }
}

extension BackupRunner {
    /// Where dumps are written: the target, or on Swarm every node a database may run on.
    var dumpNodes: [Remote] {
        guard let settings = stack.environment.swarm else { return [remote] }
        let databases = Set(stack.modules.flatMap { $0.backup.dumps.map(\.service) })
        let names = Set(SwarmPlacement.all(stack).filter { databases.contains($0.service) }.flatMap { $0.nodes(settings).map(\.name) })
        return settings.nodes.filter { names.contains($0.name) }.map { remote.node($0) }
    }
}
