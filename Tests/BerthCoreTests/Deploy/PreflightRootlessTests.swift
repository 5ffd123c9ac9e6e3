@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// Preflight's reading of the engine, over probe answers recorded from real engines: Debian's
/// rootless dockerd (`dockerd-rootless.sh`, 20.10.24, as user `berthrl` with `berthrl:100000:65536`
/// in /etc/subuid) and the test bed's rootful one. HostTests/Rootless runs the same probe for real.
@Suite struct PreflightRootlessTests {
    /// The shop's name, domain and data folder, which every configuration here starts with.
    static let head = """
        name: shop
        domain: example.org
        acme_email: admin@example.org
        data_root: /srv/data

        """

    static let config =
        head + """
            services:
              caddy: {}
              dozzle: { subdomain: logs }
              kopia: { subdomain: kopia }
            apps:
              notes:
                image: ghcr.io/shop/notes
                tag: v1
                port: 8080
                user: "1000:1000"
                volumes: { files: /data }
            environments:
              production: { target: "ssh://deploy@shop.example.org/opt/services" }
              rootless: { target: "ssh://deploy@shop.example.org/opt/rootless", docker_socket: /run/user/1001/docker.sock }
            """

    static let rootlessProbe = """
        docker=20.10.24+dfsg1|name=seccomp,profile=default,name=rootless,
        compose=2.26.1
        rsync=/usr/bin/rsync
        flock=/usr/bin/flock
        dockerhost=unix:///run/user/1001/docker.sock
        portstart=1024
        subuid=berthrl:100000:65536
        owner=1000 /srv/data/notes/files
        """

    static let rootfulProbe = """
        docker=28.2.2|name=seccomp,profile=builtin,name=cgroupns,
        compose=2.26.1
        rsync=/usr/bin/rsync
        flock=/usr/bin/flock
        dockerhost=unix:///var/run/docker.sock
        portstart=1024
        subuid=
        owner=1000 /srv/data/notes/files
        """

    func problems(_ probe: String, environment: String) throws -> [String] {
        let stack = try Fixtures.stack(Self.config, environment: environment)
        return PreflightRootless.problems(PreflightFacts(probe), stack)
    }

    @Test func theProbeReadsRootlessnessAndTheSocket() {
        let facts = PreflightFacts(Self.rootlessProbe)
        #expect(facts.rootless && facts.dockerVersion == "20.10.24+dfsg1")
        #expect(facts.owners == ["/srv/data/notes/files": 1000])
        #expect(!PreflightFacts(Self.rootfulProbe).rootless)
    }

    @Test func aRootfulEngineOnItsUsualSocketHasNothingToSay() throws {
        #expect(try problems(Self.rootfulProbe, environment: "production") == [])
    }

    @Test func aRootlessEngineNamesTheSocketThePortsAndTheOwner() throws {
        #expect(
            try problems(Self.rootlessProbe, environment: "production") == [
                "docker socket: the deploy user's engine listens on /run/user/1001/docker.sock, but the stack mounts /var/run/docker.sock; set environments.production.docker_socket: /run/user/1001/docker.sock",
                "ports 80, 443: rootless Docker publishes no port below net.ipv4.ip_unprivileged_port_start=1024 here; run `sudo sysctl -w net.ipv4.ip_unprivileged_port_start=80` and keep it in /etc/sysctl.d/",
                "/srv/data/notes/files is owned by uid 1000; under rootless Docker the container's uid 1000 is host uid 100999 (/etc/subuid: berthrl:100000:65536): run `sudo chown -R 100999:100999 /srv/data/notes/files`",
            ])
    }

    @Test func missingFoldersAreTheDeploysToCreateInTheEnginesUserNamespace() throws {
        let facts = PreflightFacts(Self.rootlessProbe.replacingOccurrences(of: "owner=1000 /srv/data/notes/files", with: ""))
        #expect(facts.userNamespacePidFile == "/run/user/1001/docker.pid")
        #expect(PreflightFacts(Self.rootfulProbe).userNamespacePidFile == nil)
        let stack = try Fixtures.stack(Self.config, environment: "rootless")
        #expect(PreflightRootless.owners(facts, stack) == [])
        let deployer = DeploySession(stack: stack, runner: RecordingRunner())
        let line = try #require(deployer.prepareCommand(userNamespace: facts.userNamespacePidFile).argv.last?.value)
        #expect(line.contains("nsenter -U --preserve-credentials -t \"$(cat \"$userns\")\" chown \"$1\" \"$2\""))
        #expect(line.contains("' berth cron /run/user/1001/docker.pid "))
        #expect(
            deployer.scheduleCommand().argv.last?.value.hasSuffix(" berth '# berth backup shop' '0 5 * * * cd /opt/rootless && sh ./backup.sh >> .berth/backup.log 2>&1 # berth backup shop'") == true)
        #expect(line.contains(" /srv/data/notes/files 1000:1000"))
    }

    @Test func theSocketSettingReachesEveryModuleThatMountsIt() throws {
        let stack = try Fixtures.stack(Self.config, environment: "rootless")
        // Dozzle's socket proxy is what mounts the socket.
        let dozzle = try #require(stack.module("dozzle")?.fragment[service: "dozzle-socket"])
        #expect(dozzle.volumes.contains { $0.shortSyntax == "/run/user/1001/docker.sock:/var/run/docker.sock:ro" })
        let remaining = PreflightRootless.problems(PreflightFacts(Self.rootlessProbe.replacingOccurrences(of: "owner=1000", with: "owner=100999")), stack)
        #expect(remaining.count == 1 && remaining[0].hasPrefix("ports 80, 443:"))
    }

    @Test func aMissingSubuidLineIsSaid() throws {
        let probe = Self.rootlessProbe.replacingOccurrences(of: "subuid=berthrl:100000:65536", with: "subuid=")
        #expect(
            try problems(probe, environment: "rootless").last
                == "rootless Docker: the deploy user has no line in /etc/subuid, so containers' users cannot be mapped; add one (see dockerd-rootless-setuptool.sh)")
    }

    @Test func aSharingEnvironmentNeedsTheOwnersNetwork() throws {
        let staging = try SharingFixture.stack("staging")
        #expect(
            Preflight.sharing(PreflightFacts(Self.rootfulProbe), staging) == [
                "network shop_berth-live: missing; environments.staging routes through the proxy of production, which creates it: deploy production first (`berth deploy production`)"
            ])
        #expect(Preflight.sharing(PreflightFacts(Self.rootfulProbe + "\nnetwork=shop_berth-live\n"), staging) == [])
        let line = try #require(Preflight.command(staging, remote: Remote(staging.environment)).argv.last?.value)
        #expect(line.contains(" net:shop_berth-live"))
    }

    @Test func checksFindTheRootlessEnginesNamespaceAndProbeInIt() throws {
        let facts = StackFacts(inspect: "#userns=/run/user/1001/docker.pid\n[{\"Config\": {\"Labels\": {\"com.docker.compose.service\": \"caddy\"}}, \"State\": {\"Status\": \"running\"}}]\n")
        #expect(facts.userNamespace == "/run/user/1001/docker.pid")
        #expect(facts.containers["caddy"]?.state == "running")
        #expect(StackFacts(inspect: "[]").userNamespace == nil)
        // The probe enters the engine's namespaces as the deploy user; a credential would go on standard input.
        #expect(HTTPProber.namespaceScript.contains(#"exec nsenter -U --preserve-credentials -n -t "$pid" curl -sS -m 10 -H @- -o - -w '\n%{http_code}' "$2""#))
    }

    /// Answers `docker context inspect` as the recorded rootless engine's user's Docker did.
    struct ContextRunner: CommandRunner {
        let answer: String
        func run(_ command: ShellCommand, timeout: Double?) async throws -> CommandResult {
            CommandResult(status: 0, stdout: answer)
        }
    }

    @Test func aDeployTakesTheSocketFromTheTargetUnlessTheEnvironmentSetsOne() async throws {
        let production = try Fixtures.stack(Self.config, environment: "production")
        let adapted = await TargetSocket.adapt(production, runner: ContextRunner(answer: "unix:///run/user/1001/docker.sock\n"))
        #expect(adapted.context.dockerSocket == "/run/user/1001/docker.sock")
        let dozzle = try #require(adapted.module("dozzle")?.fragment[service: "dozzle-socket"])
        #expect(dozzle.volumes.contains { $0.shortSyntax == "/run/user/1001/docker.sock:/var/run/docker.sock:ro" })
        #expect(PreflightRootless.socket(PreflightFacts(Self.rootlessProbe), adapted) == [])
        // A rootful target, an answer that is no socket, and a setting of the environment's own are left as they are.
        #expect(await TargetSocket.adapt(production, runner: ContextRunner(answer: "unix:///var/run/docker.sock\n")).context.dockerSocket == "/var/run/docker.sock")
        #expect(await TargetSocket.adapt(production, runner: ContextRunner(answer: "tcp://10.0.0.1:2375\n")).context.dockerSocket == "/var/run/docker.sock")
        let set = try Fixtures.stack(Self.config.replacingOccurrences(of: "docker_socket: /run/user/1001/docker.sock", with: "docker_socket: /run/docker.sock"), environment: "rootless")
        #expect(await TargetSocket.adapt(set, runner: ContextRunner(answer: "unix:///run/user/1001/docker.sock\n")).context.dockerSocket == "/run/docker.sock")
        #expect(PreflightRootless.socket(PreflightFacts(Self.rootlessProbe), set).first?.hasSuffix("set environments.rootless.docker_socket: /run/user/1001/docker.sock") == true)
    }
}

/// A deploy takes the target's socket from its own preflight: no round trip before it, and the tree it syncs mounts that socket.
@Suite struct DeploySocketTests {
    @Test func theSyncedTreeMountsTheSocketPreflightFound() async throws {
        let config =
            PreflightRootlessTests.head + """
                services:
                  caddy: {}
                  watchtower: {}
                environments:
                  production: { target: "ssh://deploy@shop.example.org/opt/services" }
                """
        let stack = try Fixtures.stack(config, environment: "production")
        #expect(stack.context.dockerSocket == "/var/run/docker.sock")
        let remote = Remote(stack.environment)
        // Every required key present, so preflight passes; the engine is the recorded rootless one.
        let keys = Preflight.envFiles(stack, remote: remote).map { file, path in
            (["file=\(path)"] + file.envSchema.map { "key=\($0.name)" }).joined(separator: "\n")
        }
        let probe = PreflightRootlessTests.rootlessProbe.replacingOccurrences(of: "portstart=1024", with: "portstart=80")
        let answer = ([probe] + keys).joined(separator: "\n") + "\n"
        final class Synced: @unchecked Sendable { var watchtower = "" }
        let synced = Synced()
        let runner = RecordingRunner { command in
            let line = command.arguments.joined(separator: " ")
            if line.contains("preflight()") { return CommandResult(status: 0, stdout: answer) }
            if command.arguments.first == "rsync", let workspace = command.arguments.dropLast().last {
                synced.watchtower = (try? String(contentsOfFile: workspace + "watchtower/docker-compose.yaml", encoding: .utf8)) ?? ""
                return CommandResult(status: 1, stderr: "stopped here by the test")
            }
            if line.contains("mkdir \"$1/.berth/lock\"") { return CommandResult(status: 0, stdout: "ACQUIRED\n") }
            return CommandResult(status: 0)
        }
        let options = DeployOptions(timeout: 5, stamp: DeployStamp(releaseID: "r1", time: "t", owner: "o", pid: 1, workspace: NSTemporaryDirectory() + "berth-socket-\(UUID().uuidString)"))
        await #expect(throws: DeployFailure.self) { try await Deployer(stack: stack, runner: runner, options: options).deploy() }
        #expect(runner.commands.first?.arguments.joined(separator: " ").contains("preflight()") == true)
        #expect(!runner.commands.contains { $0.arguments.joined(separator: " ").hasSuffix(TargetSocket.script + " berth") })
        #expect(synced.watchtower.contains("/run/user/1001/docker.sock:/var/run/docker.sock"), "\(synced.watchtower)")
        #expect(!synced.watchtower.contains("- /var/run/docker.sock:"))
    }
}
