import BerthCore
import Foundation
import Testing

/// Production and a staging that shares its proxy, both `file:` targets on the test bed's engine.
struct SharedProject {
    let root: String
    let name: String
    let proxy: ThroughProxy

    /// `proxy` is `caddy` or `traefik`; `apps` is the body of `apps:`, `staging` the extra lines of staging.
    init(_ name: String, proxy module: String, apps: String, staging: String) throws {
        root = Scratch.directory(name)
        self.name = name
        var proxy = ThroughProxy(httpsPort: try LoopbackPort.free(), httpPort: try LoopbackPort.free())
        let ca = root + "/data/caddy/data/caddy/pki/authorities/local/root.crt"
        // Caddy's internal CA exports its root; Traefik serves its self-signed default certificate, trusted by nothing.
        if module == "caddy" { proxy.rootCertificate = ca } else { proxy.insecure = true }
        self.proxy = proxy
        let common = """
                registry_mirror: "\(Testbed.registry)"
                certificates: internal
                healthcheck_interval: 1s
                resolve: { "*.example.org": "127.0.0.1:\(proxy.httpsPort)" }
            \(module == "caddy" ? "    ca_file: \(ca)\n" : "")
            """
        let text =
            AppProject.header(name: name, project: root, backupSchedule: "04:30") + """
                services:
                  \(module): { http_port: \(proxy.httpPort), https_port: \(proxy.httpsPort), bind_address: 127.0.0.1 }
                  authentik: { subdomain: auth }
                  restic: { repository: "\(root)/restic-repo" }
                apps:
                \(apps)
                environments:
                  production:
                    target: "file:.berth/production"
                \(common)
                  staging:
                    target: "file:.berth/staging"
                    shares: production
                    domain: staging.example.org
                \(common)
                \(staging)
                """
        try text.write(toFile: root + "/berth.yaml", atomically: true, encoding: .utf8)
    }

    func tree(_ environment: String) -> String { root + "/.berth/" + environment }

    func berth(_ arguments: [String]) throws -> Run { try Run.berth(arguments, in: root) }

    /// Renders the environment and creates its `.env` files, as an admin does once.
    func prepare(_ environment: String) throws {
        #expect(try berth(["render", "--env", environment, "--out", tree(environment)]).status == 0)
        let initialised = try berth(["env", "init", "--env", environment, "--dir", tree(environment)])
        #expect(initialised.status == 0, "\(initialised.output)")
    }

    /// Each container of a compose project: service → "id startedAt".
    func containers(_ project: String) throws -> [String: String] {
        let ids = try Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(project)").stdout.split(separator: "\n").map(String.init)
        guard !ids.isEmpty else { return [:] }
        let lines = try Run.shell(
            "docker inspect -f '{{index .Config.Labels \"com.docker.compose.service\"}} {{.Id}} {{.State.StartedAt}}' \(ids.joined(separator: " "))"
        ).stdout
        var result: [String: String] = [:]
        for line in lines.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2 { result[parts[0], default: ""] += parts[1] + ";" }
        }
        return result
    }

    func tearDown() {
        for environment in ["staging", "production"] {
            _ = try? Run.shell("cd \(tree(environment)) && docker compose down -v --remove-orphans --timeout 2")
        }
        _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(name)-staging | xargs -r docker rm -f")
        _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(name) | xargs -r docker rm -f")
        _ = try? Run.shell("docker network rm \(name)_berth-live \(name)_berth-shared 2>/dev/null")
        _ = try? Run.shell("crontab -l 2>/dev/null | grep -vF '# berth backup \(name)' | crontab -")
    }
}
