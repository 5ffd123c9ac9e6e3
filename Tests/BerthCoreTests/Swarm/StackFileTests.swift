@testable import BerthCore
import ServicePlugin
import Testing
import Yams

/// `engine: swarm` renders one stack file and a deploy script, placing each service as data.
@Suite struct StackFileTests {
    @Test func oneStackFileWithPlacementsReplicasAndUpdateOrder() throws {
        let stack = try SwarmFixture.stack()
        #expect(StackValidator.validate(stack).filter { $0.severity == .error }.isEmpty)
        let tree = TreeRenderer.render(stack)
        let paths = tree.files.map(\.path)
        #expect(paths.contains("stack.yaml") && paths.contains("deploy.sh"))
        // docker stack deploy reads neither include nor a folder's .env: no compose files at all.
        #expect(!paths.contains { $0.hasSuffix("docker-compose.yaml") })
        let file = SwarmStackFile.render(stack, settings: stack.environment.swarm!)
        let services = try #require((try Yams.load(yaml: file) as? [String: Any] ?? [:])["services"] as? [String: Any])
        #expect(Set(services.keys) == ["caddy", "planka", "planka-postgres", "restic", "web", "shop", "shop-postgres"])
        func deploy(_ name: String) -> [String: Any] { (services[name] as? [String: Any])?["deploy"] as? [String: Any] ?? [:] }
        func constraints(_ name: String) -> [String] { (deploy(name)["placement"] as? [String: Any])?["constraints"] as? [String] ?? [] }
        func order(_ name: String) -> String? { (deploy(name)["update_config"] as? [String: Any])?["order"] as? String }
        #expect(constraints("caddy") == ["node.labels.edge == true"])
        #expect(deploy("caddy")["mode"] as? String == "global")
        #expect(constraints("planka") == ["node.labels.db == true"] && constraints("planka-postgres") == ["node.labels.db == true"])
        #expect(constraints("shop-postgres") == ["node.hostname == n3"])
        #expect(deploy("web")["replicas"] as? Int == 3 && order("web") == "start-first")
        #expect(deploy("planka-postgres")["replicas"] as? Int == 1 && order("planka-postgres") == "stop-first")
        #expect((deploy("web")["update_config"] as? [String: Any])?["failure_action"] as? String == "rollback")
        #expect(deploy("restic")["mode"] as? String == "global")
        #expect(deploy("web")["endpoint_mode"] as? String == "dnsrr")
        // Host-mode ports: no routing mesh.
        let ports = (services["caddy"] as? [String: Any])?["ports"] as? [[String: Any]] ?? []
        #expect(ports.map { $0["mode"] as? String } == ["host", "host"])
        // Compose-only keys are gone.
        for (_, value) in services {
            let keys = Set((value as? [String: Any] ?? [:]).keys)
            #expect(keys.isDisjoint(with: ["restart", "depends_on", "security_opt", "container_name", "mem_limit"]))
        }
    }

    @Test func variablesAreReadFromEachModulesEnvOnTheManager() throws {
        let stack = try SwarmFixture.stack()
        let file = SwarmStackFile.render(stack, settings: stack.environment.swarm!)
        #expect(file.contains("${BERTH_PLANKA__DB_PASSWORD:?set DB_PASSWORD in planka/.env}"))
        #expect(file.contains("${BERTH_SHOP__POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in shop/.env}"))
        #expect(file.contains("- ./planka/.env"))
        let script = SwarmDeployScript.render(stack)
        #expect(script.contains("load planka BERTH_PLANKA\n") && script.contains("load shop BERTH_SHOP\n"))
        #expect(script.hasSuffix("exec docker stack deploy $detach --with-registry-auth --prune -c stack.yaml shop\n"))
    }

    @Test func renderedFilesBecomeConfigsNamedByTheirContent() throws {
        let file = SwarmStackFile.render(try SwarmFixture.stack(), settings: try SwarmFixture.stack().environment.swarm!)
        let configs = try #require((try Yams.load(yaml: file) as? [String: Any] ?? [:])["configs"] as? [String: Any])
        let name = try #require(configs.keys.first { $0.hasPrefix("caddy-Caddyfile-") })
        #expect((configs[name] as? [String: Any])?["file"] as? String == "./caddy/Caddyfile")
        #expect(file.contains("source: \(name)\n        target: /etc/caddy/Caddyfile"))
    }

    @Test func caddyReachesEveryServiceByItsReplicasAddresses() throws {
        let stack = try SwarmFixture.stack()
        let caddyfile = try #require(TreeRenderer.render(stack).files.first { $0.path == "caddy/Caddyfile" }?.contents)
        #expect(caddyfile.contains("dynamic a web 3000"))
        #expect(caddyfile.contains("lb_try_duration 5s"))
        #expect(!caddyfile.contains("berth-live"))
    }

    /// The deploy script's `.env` reader, run for real in `sh`: quoted values lose their quotes, comments are skipped.
    @Test func theDeployScriptExportsEachModulesValuesUnderItsPrefix() async throws {
        let dir = Fixtures.temporaryDirectory("swarm-deploy")
        let script = SwarmDeployScript.render(try SwarmFixture.stack()).replacingOccurrences(of: "exec docker stack deploy", with: "env | grep ^BERTH_[A-Z0-9_]*__ | sort; : ")
            .replacingOccurrences(of: "if docker stack deploy --help", with: "if false")
        Fixtures.write(script, to: "\(dir)/deploy.sh", mode: 0o755)
        Fixtures.write("# a comment\nexport DB_PASSWORD=\"s3cret word\"\r\nSECRET_KEY=abc=def\n", to: "\(dir)/planka/.env")
        Fixtures.write("POSTGRES_PASSWORD='pw'\n", to: "\(dir)/shop/.env")
        let result = try await ProcessRunner().run(ShellCommand(["sh", "\(dir)/deploy.sh"]), timeout: 10)
        #expect(result.stdout == "BERTH_PLANKA__DB_PASSWORD=s3cret word\nBERTH_PLANKA__SECRET_KEY=abc=def\nBERTH_SHOP__POSTGRES_PASSWORD=pw\n", "\(result.stderr)")
        // A key no shell variable can be named after stops the deploy naming the line, never the value.
        Fixtures.write("DB_PASSWORD=ok\nmy-key=hunter2\n", to: "\(dir)/planka/.env")
        let bad = try await ProcessRunner().run(ShellCommand(["sh", "\(dir)/deploy.sh"]), timeout: 10)
        #expect(bad.status == 2)
        #expect(bad.stderr == "deploy.sh: planka/.env:2: not KEY=value with a plain KEY; run berth env check\n")
        #expect(!(bad.stdout + bad.stderr).contains("hunter2"))
    }
}
