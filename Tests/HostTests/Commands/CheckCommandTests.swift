import Foundation
import Testing

/// `berth check` when the engine itself is out of reach.
@Suite struct CheckCommandTests {
    @Test func anUnreachableDockerDaemonIsAClearErrorNotAHang() throws {
        let project = Scratch.directory("check-nodaemon")
        try FileManager.default.createDirectory(atPath: project + "/.berth/srv", withIntermediateDirectories: true)
        try """
        name: nodaemon
        domain: berth.test
        timezone: Europe/Paris
        acme_email: admin@berth.test
        services:
          traefik: { dashboard: "" }
        environments:
          local: { target: "file:.berth/srv" }
        """.write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        #expect(try Run.berth(["render", "--env", "local", "--out", project + "/.berth/srv"], in: project).status == 0)
        var environment = ProcessInfo.processInfo.environment
        environment["DOCKER_HOST"] = "unix://\(project)/no-docker.sock"
        let start = Date()
        let run = try Run.program(Run.berthPath, ["check", "--env", "local"], in: project, environment: environment)
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot read the containers on"), "\(run.output)")
        #expect(run.stderr.contains("Cannot connect to the Docker daemon at unix://\(project)/no-docker.sock"), "\(run.output)")
        #expect(Date().timeIntervalSince(start) < 20)
    }
}
