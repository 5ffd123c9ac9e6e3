import Foundation
import Testing

/// A stack deployed over SSH to a folder on this machine, torn down at the end of its test.
struct DeployedStack {
    let name: String
    let project: String
    let server: String
    var services: String { server + "/services" }

    /// `top`: lines at the top level of its berth.yaml, each ending in a line break. Without `traefik`, Traefik
    /// listens on free loopback ports: another suite may deploy beside this one (scripts/lib/host-lanes).
    init(
        _ name: String, watchtower: String = "{}", traefik: String? = nil, engine: String = "kopia: {}",
        top: String = ""
    ) throws {
        self.name = name
        self.top = top
        server = Scratch.directory("srv-\(name)")
        project = Scratch.directory("proj-\(name)")
        self.traefik = try traefik ?? Testbed.traefikOnFreePorts()
        // `SERVER` in the engine's options stands for the server folder.
        self.engine = engine.replacingOccurrences(of: "SERVER", with: server)
        try write(watchtower: watchtower)
    }

    let traefik: String
    let engine: String
    let top: String

    func write(watchtower: String = "{}", traefik: String? = nil, engine: String? = nil) throws {
        let engine = engine?.replacingOccurrences(of: "SERVER", with: server) ?? self.engine
        try Testbed.config(name: name, server: server, watchtower: watchtower, traefik: traefik ?? self.traefik, engine: engine, top: top)
            .write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
    }

    /// Puts `.env` files on the "server" the way an admin would: rendered and initialised there.
    func provisionSecrets() throws {
        #expect(try berth(["render", "--env", "testbed", "--out", services]).status == 0)
        #expect(try berth(["env", "init", "--env", "testbed", "--dir", services]).status == 0)
    }

    func berth(_ arguments: [String], path: String? = nil) throws -> Run {
        guard let path else { return try Run.berth(arguments, in: project) }
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        return try Run.program(Run.berthPath, arguments, in: project, environment: environment)
    }

    func deploy(_ extra: [String] = [], path: String? = nil) throws -> Run {
        try berth(["deploy", "testbed", "--timeout", "150"] + extra, path: path)
    }

    /// Each container of the project: service → [id, start time, state, health].
    func containers() throws -> [String: [String]] {
        let ids = try Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(name)").stdout
            .split(separator: "\n").map(String.init)
        guard !ids.isEmpty else { return [:] }
        let out = try Run.program("/usr/bin/env", ["docker", "inspect"] + ids).stdout
        let objects = (try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]]) ?? []
        var result: [String: [String]] = [:]
        for object in objects {
            let labels = (object["Config"] as? [String: Any])?["Labels"] as? [String: String] ?? [:]
            let state = object["State"] as? [String: Any] ?? [:]
            let health = (state["Health"] as? [String: Any])?["Status"] as? String ?? "none"
            result[labels["com.docker.compose.service"] ?? "?"] = [object["Id"] as? String ?? "", state["StartedAt"] as? String ?? "", state["Status"] as? String ?? "", health]
        }
        return result
    }

    /// SHA-256 of every `.env` on the server.
    func envChecksums() throws -> String {
        try Run.shell("cd \(services) && find . -name .env | sort | xargs sha256sum").stdout
    }

    func tearDown() {
        _ = try? Run.shell("cd \(services) && docker compose down -v --remove-orphans --timeout 2")
        _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(name) | xargs -r docker rm -f")
        _ = try? Run.shell("crontab -l 2>/dev/null | grep -vF '# berth backup \(name)' | crontab -")
    }
}
