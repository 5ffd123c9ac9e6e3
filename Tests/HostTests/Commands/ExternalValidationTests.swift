import Foundation
import Testing

/// The rendered tree against the real tools: the upstream JSON schemas and Docker Compose v2.
/// `scripts/setup` installs python3-jsonschema and the Compose plugin; these tests fail without them.
@Suite struct ExternalValidationTests {
    static func renderedAndInitialised(_ environment: String = "production") throws -> String {
        let project = Scratch.project(name: "external")
        #expect(try Run.berth(["render", "--env", environment], in: project).status == 0)
        #expect(try Run.berth(["env", "init", "--env", environment], in: project).status == 0)
        return project + "/deploy/" + environment
    }

    @Test func renderedFilesValidateAgainstTheComposeAndTraefikSchemas() throws {
        let tree = try Self.renderedAndInitialised()
        let run = try Run.program("/usr/bin/env", ["python3", Run.packageRoot + "/scripts/check-schemas", tree, Run.shared + "/schemas"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("checked 8 files, 0 problems"))
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
        #expect(try Run.berth(["env", "init", "--env", "production"], in: project).status == 0)
        // Empty the Planka database password: compose must refuse rather than start with no password.
        let env = tree + "/planka/.env"
        let text = try String(contentsOfFile: env, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("DB_PASSWORD=") ? "DB_PASSWORD=" : String($0) }.joined(separator: "\n")
        try text.write(toFile: env, atomically: false, encoding: .utf8)
        let run = try Run.program("/usr/bin/env", ["docker", "compose", "config", "-q"], in: tree)
        #expect(run.status != 0)
        #expect(run.stderr.contains("set DB_PASSWORD in .env"))
    }
}
