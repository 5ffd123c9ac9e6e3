import Foundation
import Testing

/// The rendered tree against the real tools: the upstream JSON schemas and Docker Compose v2.
/// `scripts/setup --tests` installs jsonschema (and `scripts/setup` the Compose plugin); these tests fail without them.
@Suite(.tags(.testbed), .needsTestbed) struct ExternalValidationTests {
    static func renderedAndInitialised(_ environment: String = "production") throws -> String {
        let project = Scratch.project(name: "external")
        #expect(try Run.berth(["render", "--env", environment], in: project).status == 0)
        #expect(try Run.berth(["env", "init", "--env", environment, "--dir", "deploy/\(environment)"], in: project).status == 0)
        return project + "/deploy/" + environment
    }

    @Test func renderedFilesValidateAgainstTheComposeAndTraefikSchemas() throws {
        let tree = try Self.renderedAndInitialised()
        let run = try Run.program("/usr/bin/env", ["python3", Run.packageRoot + "/scripts/check-schemas", tree, Run.shared + "/schemas"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("checked 9 files, 0 problems (5 with labels)"))
    }

    /// examples/caddy.yaml, rendered for both its environments: compose and the real Caddy accept it.
    @Test func theCaddyExampleRendersWhatCaddyAndComposeAccept() throws {
        for environment in ["production", "local"] {
            let project = Scratch.directory("caddy-example")
            try FileManager.default.copyItem(atPath: Run.packageRoot + "/examples/caddy.yaml", toPath: project + "/berth.yaml")
            #expect(try Run.berth(["render", "--env", environment], in: project).status == 0)
            #expect(try Run.berth(["env", "init", "--env", environment, "--dir", "deploy/\(environment)"], in: project).status == 0)
            let tree = project + "/deploy/" + environment
            let compose = try Run.program("/usr/bin/env", ["docker", "compose", "config", "-q"], in: tree)
            #expect(compose.status == 0, "\(environment): \(compose.output)")
            let caddy = try Run.program(
                "/var/lib/berth-testbed/tools/caddy", ["validate", "--config", tree + "/caddy/Caddyfile", "--adapter", "caddyfile"],
                environment: ["HOME": project, "XDG_DATA_HOME": project + "/xdg-data", "XDG_CONFIG_HOME": project + "/xdg-config", "PATH": "/usr/bin:/bin"])
            #expect(caddy.status == 0 && caddy.output.contains("Valid configuration"), "\(environment): \(caddy.output)")
        }
    }

    /// examples/tangram-2026.yaml (three apps, one with a database, behind Traefik): compose and the schemas accept it.
    @Test func theTangram2026ExampleRendersWhatComposeAndTheSchemasAccept() throws {
        let project = Scratch.directory("tangram-2026")
        try FileManager.default.copyItem(atPath: Run.packageRoot + "/examples/tangram-2026.yaml", toPath: project + "/berth.yaml")
        #expect(try Run.berth(["render", "--env", "production"], in: project).status == 0)
        #expect(try Run.berth(["env", "init", "--env", "production", "--dir", "deploy/production"], in: project).status == 0)
        let tree = project + "/deploy/production"
        // The one secret env init leaves to the admin: compose refuses the tree until it is set.
        #expect(try Run.program("/usr/bin/env", ["docker", "compose", "config", "-q"], in: tree).stderr.contains("set APP_SMTP_PASSWORD in .env"))
        let env = try String(contentsOfFile: tree + "/backend/.env", encoding: .utf8)
        try env.replacingOccurrences(of: "APP_SMTP_PASSWORD=\n", with: "APP_SMTP_PASSWORD=set-by-the-admin\n").write(toFile: tree + "/backend/.env", atomically: true, encoding: .utf8)
        let compose = try Run.program("/usr/bin/env", ["docker", "compose", "config", "-q"], in: tree)
        #expect(compose.status == 0, "\(compose.output)")
        let schemas = try Run.program("/usr/bin/env", ["python3", Run.packageRoot + "/scripts/check-schemas", tree, Run.shared + "/schemas"])
        #expect(schemas.status == 0 && schemas.stdout.contains("0 problems"), "\(schemas.output)")
        let labels = try String(contentsOfFile: tree + "/backend/docker-compose.yaml", encoding: .utf8)
        #expect(labels.contains("traefik.http.middlewares.backend-1-strip.stripprefix.prefixes=/api"))
        #expect(labels.contains("traefik.http.middlewares.backend-2-auth.forwardauth.authResponseHeaders=X-App-UserId,X-App-User,X-App-Email,X-App-Groups"))
    }

    @Test func theSchemaCheckCatchesANonConformingFile() throws {
        let tree = Scratch.directory()
        try FileManager.default.createDirectory(atPath: tree + "/bad", withIntermediateDirectories: true)
        try "services:\n  x:\n    image: a\n    depends_on:\n      y:\n        condition: when_ready\n".write(toFile: tree + "/bad/docker-compose.yaml", atomically: true, encoding: .utf8)
        let run = try Run.program("/usr/bin/env", ["python3", Run.packageRoot + "/scripts/check-schemas", tree, Run.shared + "/schemas"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("when_ready"))
    }

    @Test func dockerComposeConfigAcceptsTheTree() throws {
        for environment in ["production", "local"] {
            let tree = try Self.renderedAndInitialised(environment)
            let run = try Run.program("/usr/bin/env", ["docker", "compose", "config", "-q"], in: tree)
            #expect(run.status == 0, "\(environment): \(run.output)")
        }
    }

    @Test func dockerComposeRefusesATreeWhoseSecretsAreMissing() throws {
        let project = Scratch.project(name: "external-nosecrets")
        #expect(try Run.berth(["render", "--env", "production"], in: project).status == 0)
        let tree = project + "/deploy/production"
        #expect(try Run.berth(["env", "init", "--env", "production", "--dir", "deploy/production"], in: project).status == 0)
        // Empty the Planka database password: compose must refuse rather than start with no password.
        let env = tree + "/planka/.env"
        let text = try String(contentsOfFile: env, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("DB_PASSWORD=") ? "DB_PASSWORD=" : String($0) }.joined(separator: "\n")
        try text.write(toFile: env, atomically: false, encoding: .utf8)
        let run = try Run.program("/usr/bin/env", ["docker", "compose", "config", "-q"], in: tree)
        #expect(run.status != 0)
        #expect(run.stderr.contains("set DB_PASSWORD in .env"))
    }

    /// Every edge value Berth accepts is one compose accepts: rendered, initialised, then `docker compose config -q`.
    @Test func edgeValuesBerthAcceptsComposeAcceptsToo() throws {
        let edits: [(String, String)] = [
            ("traefik: { dashboard: traefik }", "traefik: { dashboard: traefik, bind_address: \"::1\", http_port: 1, https_port: 65535 }"),
            ("traefik: { dashboard: traefik }", "traefik: { dashboard: traefik, bind_address: \"255.255.255.255\" }"),
            ("traefik: { dashboard: traefik }", "traefik: { dashboard: \"\", bind_address: \"0.0.0.0\" }"),
            ("data_root: /opt/docker-volumes ", "data_root: /opt/a.b_c-D9 "),
            ("Europe/Paris", "America/Argentina/Buenos_Aires"),
            ("name: tangram ", "name: a_b-1 "),
            ("kopia: { subdomain: kopia }", "kopia: { subdomain: k0, rclone_config: /etc/rclone.d, snapshot_mount: /mnt/snap-1 }"),
            ("registry_mirror: \"127.0.0.1:5000\"", "registry_mirror: \"localhost:5000\""),
            ("registry_mirror: \"127.0.0.1:5000\"", "registry_mirror: \"registry.example.org\""),
            ("domain: tangram-orchestre.fr ", "domain: a.b-c.d1 "),
        ]
        for (old, new) in edits {
            let project = Scratch.project(
                { text in
                    precondition(text.contains(old), "the example no longer holds \(old)")
                    return text.replacingOccurrences(of: old, with: new)
                }, name: "edge")
            #expect(try Run.berth(["render", "--env", "local"], in: project).status == 0, "\(new)")
            #expect(try Run.berth(["env", "init", "--env", "local", "--dir", "deploy/local"], in: project).status == 0, "\(new)")
            let run = try Run.program("/usr/bin/env", ["docker", "compose", "config", "-q"], in: project + "/deploy/local")
            #expect(run.status == 0, "\(new): \(run.output)")
        }
    }
}
