import BerthCore
import Foundation
import Testing

/// `berth.yaml`'s `local` environment deployed for real: every container as hardened as its module declares,
/// measured with the CIS Docker Benchmark's section 5; the real Traefik routing through its Docker socket proxy,
/// which refuses a write; `berth check` naming a container that drifted from its declared hardening.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct ExampleHardeningEndToEndTests {
    static let name = "berthhard"

    @Test func theExampleIsHardenedItsSocketProxyRefusesWritesAndCheckSeesDrift() throws {
        let project = Scratch.directory("hardening")
        let https = try LoopbackPort.free()
        let http = try LoopbackPort.free()
        var text = try String(contentsOfFile: Run.packageRoot + "/berth.yaml", encoding: .utf8)
        for (old, new) in [
            ("name: tangram ", "name: \(Self.name) "),
            ("data_root: /opt/docker-volumes ", "scratch_root: \(project)/scratch\ndumps_dir: \(project)/dumps\ndata_root: \(project)/data "),
            ("traefik: { dashboard: traefik }", "traefik: { dashboard: traefik, http_port: \(http), https_port: \(https) }"),
            ("kopia: { subdomain: kopia }", "kopia: { subdomain: kopia, repository: \"\(project)/kopia-repo\" }"),
            ("ca_file: /opt/docker-volumes/", "ca_file: \(project)/data/"),
            ("\"tangram-orchestre.fr\": \"127.0.0.1\"", "\"tangram-orchestre.fr\": \"127.0.0.1:\(https)\""),
            ("\"*.tangram-orchestre.fr\": \"127.0.0.1\"", "\"*.tangram-orchestre.fr\": \"127.0.0.1:\(https)\""),
        ] {
            try #require(text.contains(old), "berth.yaml no longer holds \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        let tree = project + "/.berth/local"
        defer {
            _ = try? Run.shell("cd \(tree) && docker compose down -v --remove-orphans --timeout 2")
            _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(Self.name) | xargs -r docker rm -f")
            _ = try? Run.shell("crontab -l 2>/dev/null | grep -vF '# berth backup \(Self.name)' | crontab -")
        }
        let berth = { (arguments: [String]) in try Run.berth(arguments, in: project) }
        #expect(try berth(["env", "init", "--env", "local"]).status == 0)
        let deploy = try berth(["deploy", "local", "--timeout", "180"])
        try #require(deploy.status == 0, "\(deploy.output)")
        // A backup first (Kopia reads every module's files with DAC_OVERRIDE alone), then every check, through Traefik,
        // whose routers come from its docker provider, which reads the engine through HAProxy.
        let backup = try berth(["backup", "run", "--env", "local"])
        #expect(backup.status == 0, "\(backup.output)")
        let check = try berth(["check", "--env", "local"])
        #expect(check.status == 0, "\(check.output)")

        let (benchmark, containers) = try RuntimeBenchmark.project(Self.name)
        #expect(containers.count == 11, "\(containers)")
        let socketProxies = ["\(Self.name)-traefik-socket-1", "\(Self.name)-watchtower-socket-1"]
        #expect(benchmark.unexpectedFailures(proxy: "\(Self.name)-traefik-1", socketProxies: socketProxies) == [], "\(benchmark.checks)")
        // One machine: the local environment's bind_address keeps every published port on loopback.
        for id in ["5.4", "5.11", "5.12", "5.13", "5.14", "5.26", "5.27", "5.29"] { #expect(benchmark[id]?.passed == true, "\(benchmark.checks)") }

        // The socket proxy answers Traefik's network a read, and refuses a write: a container made through it could
        // mount the host's root. The proxy is on no other network.
        let network = "\(Self.name)_traefik-socket"
        let asTraefik = try Run.shell(
            "docker run --rm --network \(network) \(Testbed.registry)/berth-testbed/busybox sh -c "
                + "'wget -q -O- http://traefik-socket:2375/version; echo; wget -q -O- --post-data {} http://traefik-socket:2375/v1.41/containers/create 2>&1; true'")
        #expect(asTraefik.stdout.contains("\"ApiVersion\""), "\(asTraefik.output)")
        #expect(asTraefik.stdout.contains("403 Forbidden"), "\(asTraefik.output)")
        let created = try Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(Self.name) | wc -l").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(created == "11", "a container was created through the socket proxy")
        let proxyNetworks = try Run.shell("docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}' \(socketProxies[0])").stdout
        #expect(proxyNetworks.trimmingCharacters(in: .whitespacesAndNewlines) == network, "\(proxyNetworks)")

        // Drift: the website's PIDs limit lifted by hand. `berth check` fails the container's check and names it.
        _ = try Run.shell("docker update --pids-limit -1 \(Self.name)-website-1")
        let drifted = try berth(["check", "--env", "local", "website"])
        #expect(drifted.status == 1, "\(drifted.output)")
        #expect(drifted.output.contains("less hardened than its module declares: no pids_limit 256"), "\(drifted.output)")
        _ = try Run.shell("docker update --pids-limit 256 \(Self.name)-website-1")
        #expect(try berth(["check", "--env", "local", "website"]).status == 0)
    }
}
