@testable import BerthCore
import ServicePlugin
import Testing

/// The commands Berth sends to the cluster's nodes, as values.
@Suite struct SwarmCommandsTests {
    @Test func aNodeIsReachedWithTheTargetsLoginAtItsOwnAddress() throws {
        let stack = try SwarmFixture.stack()
        let remote = Remote(target: stack.environment.target, ssh: stack.environment.ssh, controlDirectory: nil)
        let node = try #require(stack.environment.swarm?.node("n2"))
        let command = SwarmOrchestrator(settings: stack.environment.swarm!).locator("planka-postgres", stack: stack, on: remote.node(node), node: node.name).exec(["pg_isready"])
        let argv = command.argv.map(\.value)
        #expect(argv.contains("root@10.0.0.2"))
        #expect(argv.last?.hasSuffix("berth shop_planka-postgres '' -i pg_isready") == true, "\(argv)")
        // The manager is the target itself, whatever its node entry says.
        let manager = try #require(stack.environment.swarm?.node("n1"))
        #expect(remote.node(manager).destination == "root@10.0.0.1")
    }

    @Test func theDumpFindsItsContainerByTheTasksServiceLabel() throws {
        let stack = try SwarmFixture.stack()
        let remote = Remote(target: stack.environment.target, ssh: stack.environment.ssh, controlDirectory: nil)
        let locator = stack.orchestrator.locator("planka-postgres", stack: stack, on: remote, node: "n2")
        #expect(locator.service == "shop_planka-postgres" && locator.root == "/")
        let script = DumpScript.script(locator)
        #expect(script.contains(#"docker ps -q --filter "label=com.docker.swarm.service.name=$service""#))
        #expect(script.contains(#"docker exec "$id" pg_dump"#) && script.contains(#"docker exec -i "$id" pg_restore --list"#))
        #expect(!script.contains("docker compose"))
    }

    @Test func eachNodeGetsTheFoldersOfTheServicesItMayRun() throws {
        let stack = try SwarmFixture.stack()
        let folders = Dictionary(uniqueKeysWithValues: SwarmOrchestrator.folders(stack, stack.environment.swarm!).map { ($0.0.name, Set($0.1.keys)) })
        let data = stack.context.dataRoot
        #expect(folders["n2"]?.contains("\(data)/planka/db") == true)
        #expect(folders["n1"]?.contains("\(data)/planka/db") == false)
        #expect(folders["n1"]?.contains("\(data)/caddy/data") == true)
        #expect(folders["n3"]?.contains("\(data)/shop/db") == true)
        // The dumps folder goes where a database may run; the engine (on every node) mounts it everywhere.
        #expect(["n1", "n2", "n3"].allSatisfy { folders[$0]?.contains(stack.context.dumpsDir) == true })
    }
}

extension SwarmCommandsTests {
    /// The label script run for real in `sh`; only `docker` is a stub that logs its arguments and knows each node's labels.
    @Test func labelsAreAddedAndAManagedLabelTheConfigMovedIsRemoved() async throws {
        let bin = Fixtures.temporaryDirectory("swarm-labels")
        let log = "\(bin)/log"
        let stub = """
            #!/bin/sh
            if [ "$1 $2" = "node inspect" ]; then
              case "$5" in n1) echo "edge " ;; n3) echo "db team " ;; esac; exit 0
            fi
            echo "$*" >> \(log)
            """
        Fixtures.write(stub, to: "\(bin)/docker", mode: 0o755)
        let runner = PathRunner(prefix: bin)
        let command = ShellCommand([.plain("sh"), "-c", .plain(SwarmOrchestrator.labelScript), "sh", "db edge", "n1", "edge=true", "n2", "db=true", "n3", ""])
        let result = try await runner.run(command, timeout: 10)
        #expect(result.succeeded, "\(result.stderr)")
        // n3 loses the db label it no longer has in the config, and keeps `team`, which Berth does not manage.
        #expect(Fixtures.read(log) == "node update --label-add edge=true n1\nnode update --label-add db=true n2\nnode update --label-rm db n3\n")
    }
}
