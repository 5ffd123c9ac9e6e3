import BerthCore
import Foundation
import Testing

/// `berth adopt` against Tangram's folder brought up for real (``TangramSeed``): what it proposes, and every
/// project it refuses with exit 2 and nothing changed.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct AdoptEndToEndTests {
    /// A `berth.yaml` that names only the environment: what `berth adopt` adds is the point.
    static func config(_ seed: TangramSeed) -> String {
        HolderGuardEndToEndTests.config(seed).replacing(
            #/services:\n(  .*\n)+/#, with: "services:\n  traefik: { http_port: \(seed.httpPort), https_port: \(seed.httpsPort), bind_address: 127.0.0.1 }\n")
    }

    @Test func proposesTheModulesPinnedToWhatRunsAndKeepsEveryFolder() throws {
        let seed = try TangramSeed()
        defer { seed.tearDown() }
        try seed.up()
        let project = Scratch.directory("adopt-project")
        try Self.config(seed).write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        let before = try seed.containers()

        let adopt = try Run.berth(["adopt", "testbed", "--project", "production"], in: project)
        #expect(adopt.status == 0, "\(adopt.output)")
        print(adopt.stdout)
        #expect(adopt.stdout.contains("  module planka: planka, planka-postgres (version 1.23.5, postgres 14-alpine, db_auth trust, db_user postgres)"))
        #expect(adopt.stdout.contains("  module authentik: authentik-postgresql, authentik-redis, authentik-server, authentik-worker (version 2024.12.2, postgres 17-alpine"))
        #expect(adopt.stdout.contains("    planka: { db_user: postgres, db_auth: trust }"), "\(adopt.stdout)")
        #expect(adopt.stdout.contains("pin in berth.lock (`berth update apply` moves these pins later):\n  pins:\n"))
        #expect(adopt.stdout.contains("    planka: { app: \"1.23.5\", postgres: \"14-alpine\" }"))
        #expect(adopt.stdout.contains("    showcase-website: { image: tangram-orchestre/showcase-website, tag: \"latest\", port: 3000 }"))
        #expect(adopt.stdout.contains("(authentik-redis at /data): a cache: Berth mounts \(seed.root)/no-backup/authentik/redis there, which starts empty"))
        #expect(adopt.stdout.contains("(traefik at /etc/traefik/acme.json): no longer mounted by Berth; left in place, untouched"))
        #expect(adopt.stdout.contains("  \(seed.volumes)/planka/db (planka-postgres at /var/lib/postgresql/data, PostgreSQL 14 cluster): kept, mounted by planka-postgres"))
        #expect(adopt.stdout.contains("  \(seed.volumes)/planka/attachments (planka at /app/private/attachments): kept, mounted by planka"))
        #expect(!adopt.stdout.contains("MOVES"))
        for secret in ["seed-planka-secret-key", "seed-oidc-client-secret", "seed-authentik-db-password", "seed-kopia-web"] {
            #expect(!adopt.output.contains(secret), "no secret value is printed")
        }

        let json = try Run.berth(["adopt", "testbed", "--project", "production", "--json"], in: project)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((report?["stops"] as? [String])?.last?.contains("postgres") == true, "databases stop last")
        #expect(try seed.containers() == before)
    }

    /// A small compose project of the test bed's stand-ins, for the refusals: it runs in its own folder as `name`.
    static func smallProject(_ name: String, compose: String) throws -> String {
        let folder = Scratch.directory("adopt-\(name)") + "/\(name)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try compose.replacingOccurrences(of: "REGISTRY", with: Testbed.registry).write(toFile: folder + "/docker-compose.yaml", atomically: true, encoding: .utf8)
        try Run.shell("cd \(folder) && docker compose up -d --wait --wait-timeout 60 2>&1").requireSuccess()
        return folder
    }

    @Test func refusesAMissingAHalfStoppedAndASharedFolderProjectWithExit2AndChangesNothing() throws {
        let server = Scratch.directory("adopt-refusals")
        let project = Scratch.directory("adopt-refusals-project")
        try """
        name: refusals
        domain: berth.test
        acme_email: admin@berth.test
        data_root: \(server)/data
        services:
          watchtower: {}
        environments:
          testbed:
            target: "ssh://root@127.0.0.1:\(Testbed.sshPort)\(server)/services"
            registry_mirror: "\(Testbed.registry)"
            certificates: internal
            ssh: { known_hosts: "\(Testbed.knownHosts)", identity_file: "\(Testbed.sshKey)" }
        """.write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        let config = try String(contentsOfFile: project + "/berth.yaml", encoding: .utf8)

        let missing = try Run.berth(["adopt", "testbed", "--project", "nosuchproject"], in: project)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("compose project nosuchproject: no container on root@127.0.0.1:\(Testbed.sshPort) belongs to it ("), "\(missing.stderr)")

        let shared = try Self.smallProject(
            "adoptshared",
            compose: """
                services:
                  planka:
                    image: REGISTRY/plankanban/planka:1.23.5
                    volumes: [ "\(server)/data/files:/app/private/attachments" ]
                  board:
                    image: REGISTRY/berth-testbed/app:v1
                    volumes: [ "\(server)/data/files:/data" ]
                """)
        defer { _ = try? Run.shell("cd \(shared) && docker compose down --timeout 1") }
        let before = try Run.shell("docker ps -a --filter label=com.docker.compose.project=adoptshared --format '{{.ID}} {{.State}}' | sort").stdout
        let two = try Run.berth(["adopt", "testbed", "--project", "adoptshared"], in: project)
        #expect(two.status == 2)
        #expect(two.stderr.contains("compose project adoptshared: services board and planka both write \(server)/data/files;"), "\(two.stderr)")

        try Run.shell("docker stop adoptshared-board-1 >/dev/null").requireSuccess()
        let half = try Run.berth(["adopt", "testbed", "--project", "adoptshared"], in: project)
        #expect(half.status == 2)
        #expect(
            half.stderr.contains("compose project adoptshared is half stopped: adoptshared-board-1 is exited; start it whole (`docker compose -p adoptshared up -d` in \(shared))"), "\(half.stderr)")

        // Nothing changed: the project's containers are the same, the config is as written, the server folder is empty.
        try Run.shell("docker start adoptshared-board-1 >/dev/null").requireSuccess()
        #expect(try Run.shell("docker ps -a --filter label=com.docker.compose.project=adoptshared --format '{{.ID}} {{.State}}' | sort").stdout == before)
        #expect(try String(contentsOfFile: project + "/berth.yaml", encoding: .utf8) == config)
        #expect(!FileManager.default.fileExists(atPath: server + "/services"))
    }
}
