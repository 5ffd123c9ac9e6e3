import BerthCore
import Foundation
import Testing

/// The guard every deploy passes, for real: Tangram's folder runs as compose project `production`, and a first
/// `berth deploy` of the same services onto the same data folders is refused before anything changes.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct HolderGuardEndToEndTests {
    /// The example's modules, pinned to the versions the seed runs, on the seed's data folder and ports.
    static func config(_ seed: TangramSeed) -> String {
        """
        name: tangram
        domain: tangram-orchestre.fr
        timezone: Europe/Paris
        acme_email: admin@tangram-orchestre.fr
        data_root: \(seed.volumes)
        scratch_root: \(seed.root)/no-backup
        dumps_dir: \(seed.root)/dumps
        services:
          traefik: { http_port: \(seed.httpPort), https_port: \(seed.httpsPort), bind_address: 127.0.0.1 }
          authentik: { subdomain: auth, version: "2024.12.2" }
          planka: { subdomain: planka, version: "1.23.5", oidc_admin_roles: [bureau] }
          kopia: { subdomain: kopia }
          watchtower: { monitor_only: true }
        environments:
          testbed:
            target: "ssh://root@127.0.0.1:\(Testbed.sshPort)\(seed.root)/services"
            registry_mirror: "\(Testbed.registry)"
            certificates: internal
            ssh: { known_hosts: "\(Testbed.knownHosts)", identity_file: "\(Testbed.sshKey)" }
        """
    }

    /// Paths, sizes and modes under `folder`, less PostgreSQL's and Redis's live files, which their servers write.
    static func files(_ folder: String) throws -> String {
        try Run.shell("cd \(folder) && find . -path ./planka/db -prune -o -path ./authentik/db -prune -o -path ./authentik/redis -prune -o -printf '%p %s %m %U\\n' | sort").stdout
    }

    @Test func aDeployOntoARunningSeedIsRefusedAndChangesNothing() throws {
        let seed = try TangramSeed()
        defer { seed.tearDown() }
        try seed.up()
        try seed.seedRows(100)
        let project = Scratch.directory("guard-project")
        try Self.config(seed).write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        try Run.berth(["env", "init", "--env", "testbed"], in: project).requireSuccess()

        let containers = try seed.containers(), crontab = try Testbed.cronLines("tangram", "production")
        let server = try Self.files(seed.root + "/services"), data = try Self.files(seed.volumes), seedFolder = try Self.files(seed.folder)
        let deploy = try Run.berth(["deploy", "testbed", "--timeout", "60"], in: project)

        #expect(deploy.status == 1, "\(deploy.output)")
        let holder = "container production-planka-postgres-1 (compose project production, folder \(seed.folder)) bind-mounts \(seed.volumes)/planka/db read-write"
        #expect(deploy.stderr.contains(holder + ", which planka-postgres will mount read-write; two writers on one folder corrupt it"), "\(deploy.stderr)")
        #expect(deploy.stderr.contains("container production-authentik-postgresql-1 (compose project production"))
        #expect(deploy.stderr.contains("container production-traefik-1 (compose project production, folder \(seed.folder)) publishes host port \(seed.httpsPort)/tcp, which traefik will publish"))
        #expect(deploy.stderr.contains("take the project over with `berth adopt testbed --project production`, or stop it (`docker compose -p production stop` in \(seed.folder))"))
        // Planka's module runs PostgreSQL 16 or later by default; the seed's folder holds a 14 cluster.
        #expect(deploy.stderr.contains("planka-postgres: \(seed.volumes)/planka/db holds a PostgreSQL 14 cluster (its PG_VERSION)"), "\(deploy.stderr)")
        // Kopia reads the whole data folder: a reader, not a writer, so only a warning would be due; the deploy never got that far.
        #expect(!deploy.stderr.contains("==> lock") && !deploy.stderr.contains("==> sync"))

        #expect(try seed.containers() == containers)
        #expect(try Testbed.cronLines("tangram", "production") == crontab)
        #expect(try Self.files(seed.root + "/services") == server)
        #expect(try Self.files(seed.volumes) == data)
        #expect(try Self.files(seed.folder) == seedFolder)
        #expect(try Run.shell("docker ps -aq --filter label=com.docker.compose.project=tangram").stdout.isEmpty)

        // With the seed stopped nothing holds the folders, but PostgreSQL 17 still cannot start on Planka's 14 cluster.
        seed.tearDown()
        let major = try Run.berth(["deploy", "testbed", "--timeout", "60"], in: project)
        #expect(major.status == 1)
        #expect(!major.stderr.contains("bind-mounts"), "\(major.stderr)")
        #expect(major.stderr.contains("planka-postgres: \(seed.volumes)/planka/db holds a PostgreSQL 14 cluster (its PG_VERSION), but "), "\(major.stderr)")
        #expect(major.stderr.contains("runs PostgreSQL 17, which refuses it; nothing was started"))
        #expect(try Run.shell("docker ps -aq --filter label=com.docker.compose.project=tangram").stdout.isEmpty)
        #expect(try Testbed.cronLines("tangram", "production") == crontab)
        #expect(try Self.files(seed.volumes) == data)
    }

    @Test func aFailedFirstDeployLeavesNoContainerAndNoCrontabLine() throws {
        let ports = "http_port: \(try LoopbackPort.free()), https_port: \(try LoopbackPort.free())"
        let stack = try DeployedStack("berthfirstfail", traefik: "{ \(ports), bind_address: 127.0.0.1, version: \"v3.7.15-unhealthy\" }")
        defer { stack.tearDown() }
        try stack.provisionSecrets()
        let crontab = try Testbed.cronLines("berthfirstfail")
        let networks = try Run.shell("docker network ls -q --filter label=com.docker.compose.project=berthfirstfail | sort").stdout

        let deploy = try stack.deploy(["--timeout", "10"])
        #expect(deploy.status == 1)
        #expect(deploy.stderr.contains("failed at health") && deploy.stderr.contains("removed every container this first deploy created"), "\(deploy.stderr)")
        #expect(try stack.containers().isEmpty)
        #expect(try Run.shell("docker network ls -q --filter label=com.docker.compose.project=berthfirstfail | sort").stdout == networks)
        #expect(try Testbed.cronLines("berthfirstfail") == crontab)
        // The failed attempt is on record, so `berth releases` shows what happened.
        #expect(try stack.berth(["releases", "testbed"]).stdout.contains("FAILED"))
    }
}
