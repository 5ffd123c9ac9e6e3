@testable import BerthCore
import Testing

/// The manager's answer, as recorded from the three-node test bed with node berthc3's engine stopped.
@Suite struct SwarmFactsTests {
    static let answer = [
        "now\t1764612000",
        "node\tberthc1\tReady\tActive", "node\tberthc2\tReady\tActive", "node\tberthc3\tDown\tActive",
        "service\tshop_web\t3/3", "service\tshop_caddy\t1/1 (max 1 per node)", "service\tshop_planka\t0/1",
        "update\tshop_web\tcompleted\t1764611900", "update\tshop_caddy\t", "update\tshop_planka\trollback_completed\t1764612005",
        "task\tshop_web.1\tberthc1\tRunning 2 minutes ago\t", "task\tshop_web.2\tberthc3\tRunning 2 minutes ago\t",
        "task\tshop_web.3\tberthc2\tRunning 2 minutes ago\t", "task\tshop_planka.1\tberthc2\tStarting 3 seconds ago\t",
    ].joined(separator: "\n")

    @Test func readsNodesServicesUpdatesAndTasks() {
        let facts = SwarmFacts(Self.answer, stack: "shop")
        #expect(facts.now == 1_764_612_000)
        #expect(facts.lostNodes == ["berthc3"])
        #expect(facts.services["web"] == SwarmFacts.Service(running: 3, desired: 3, update: "completed", updateEnded: 1_764_611_900))
        #expect(facts.services["caddy"]?.running == 1 && facts.services["caddy"]?.desired == 1)
        #expect(facts.services["planka"]?.update == "rollback_completed")
        #expect(facts.tasks.map(\.name) == ["web.1", "web.2", "web.3", "planka.1"])
    }

    @Test func aReplicaOnALostNodeOrOneNotRunningFailsItsService() {
        let facts = SwarmFacts(Self.answer, stack: "shop")
        #expect(facts.readiness("web") == (false, "3/3 running; web.2 on berthc3 (node down)"))
        #expect(facts.readiness("planka") == (false, "0/1 running; planka.1 on berthc2: Starting"))
        #expect(facts.readiness("caddy") == (true, "1/1 running"))
        #expect(facts.readiness("kopia") == (false, "not deployed"))
    }
}

/// Preflight refuses a target that is not a Swarm manager, and needs no Compose there.
@Suite struct SwarmPreflightTests {
    @Test func aWorkerOrAPlainEngineIsRefusedAndComposeIsNotAsked() {
        let worker = PreflightFacts("docker=20.10.24+dfsg1||active/false\ncompose=\nrsync=/usr/bin/rsync\n")
        #expect(
            Preflight.problems(worker, files: [], orchestrator: SwarmOrchestrator(settings: SwarmSettings())) == [
                "docker swarm: this engine is not a Swarm manager (state active/false); target a manager, or run `docker swarm init` there"
            ])
        let manager = PreflightFacts("docker=20.10.24+dfsg1||active/true\ncompose=\nrsync=/usr/bin/rsync\nflock=/usr/bin/flock\n")
        #expect(Preflight.problems(manager, files: [], orchestrator: SwarmOrchestrator(settings: SwarmSettings())).isEmpty)
        #expect(Preflight.problems(manager, files: [], orchestrator: ComposeOrchestrator()) == ["docker compose: Compose v2 is required, found none"])
    }
}
