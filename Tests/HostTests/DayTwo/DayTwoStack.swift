import Foundation
import Testing

/// A two-app stack deployed once over the test bed's sshd for the whole `DayTwoCommandsTests` suite:
/// `web` (a command healthcheck, a secret in its `.env`) and `worker` (no healthcheck), beside Watchtower
/// (a stack needs one module).
struct DayTwoStack: Sendable {
    static let name = "berthlook"
    /// Seeded into `web/.env` on the server; no output of Berth may ever hold it.
    static let marker = "look-secret-\(UUID().uuidString.prefix(12))"

    @TaskLocal static var current: DayTwoStack?

    let project: String
    let server: String
    var services: String { server + "/services" }

    init() {
        project = Scratch.directory("proj-look")
        server = Scratch.directory("srv-look")
    }

    var config: String {
        AppProject.header(name: Self.name, project: server)
            + """
            services:
              watchtower: { monitor_only: true }
            apps:
              web: { image: berth-testbed/app, tag: v1, port: 3000, health: { command: [/app, health] }, secrets: { LOOK_TOKEN: required } }
              worker: { image: berth-testbed/app, tag: v2, port: 3000 }
            environments:
              testbed:
                target: "ssh://root@127.0.0.1:\(Testbed.sshPort)\(server)/services"
                registry_mirror: "\(Testbed.registry)"
                certificates: internal
                healthcheck_interval: 2s
                ssh: { known_hosts: "\(Testbed.knownHosts)", identity_file: "\(Testbed.sshKey)" }
            """
    }

    /// Renders and initialises the server's `.env` files as an admin would, sets the secret, and deploys.
    func deploy() throws {
        try config.write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        let render = try berth(["render", "--env", "testbed", "--out", services])
        #expect(render.status == 0, "\(render.output)")
        let initialised = try berth(["env", "init", "--env", "testbed", "--dir", services])
        #expect(initialised.status == 0, "\(initialised.output)")
        let env = services + "/web/.env"
        let text = try String(contentsOfFile: env, encoding: .utf8)
        try text.replacingOccurrences(of: "LOOK_TOKEN=\n", with: "LOOK_TOKEN=\(Self.marker)\n").write(toFile: env, atomically: true, encoding: .utf8)
        _ = chmod(env, 0o600)
        #expect(try String(contentsOfFile: env, encoding: .utf8).contains(Self.marker))
        let deploy = try berth(["deploy", "testbed", "--timeout", "120"])
        #expect(deploy.status == 0, "\(deploy.output)")
        #expect(!deploy.output.contains(Self.marker))
    }

    func berth(_ arguments: [String], input: String? = nil) throws -> Run {
        try Run.program(Run.berthPath, arguments, in: project, input: input)
    }

    /// Writes a line to a service's container log, as if its main process had printed it.
    func log(_ service: String, _ line: String) throws {
        let run = try Run.shell("docker exec \(Self.name)-\(service)-1 sh -c 'echo \"$0\" > /proc/1/fd/1' '\(line)'")
        #expect(run.status == 0, "\(run.output)")
    }

    func tearDown() {
        _ = try? Run.shell("cd \(services) && docker compose down -v --remove-orphans --timeout 2")
        _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(Self.name) | xargs -r docker rm -f")
        _ = try? FileManager.default.removeItem(atPath: project)
        _ = try? FileManager.default.removeItem(atPath: server)
    }
}

/// Deploys one ``DayTwoStack`` around the whole suite and tears it down after its last test.
struct DeployedLookStack: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let stack = DayTwoStack()
        defer { stack.tearDown() }
        try stack.deploy()
        try await DayTwoStack.$current.withValue(stack) { try await function() }
    }
}

extension Trait where Self == DeployedLookStack {
    static var deployedLookStack: Self { DeployedLookStack() }
}
