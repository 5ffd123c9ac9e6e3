import BerthCore
import Foundation
import Testing

/// `berth ci github`: the workflow it writes passes actionlint, and its deploy and plan jobs,
/// run step by step in a scratch checkout, deploy a small stack over the test bed's sshd with
/// strict host-key checking (and refuse a wrong host key).
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct GitHubWorkflowEndToEndTests {
    static let name = "berthci"

    /// A git checkout of a project whose one app deploys over SSH to `server`; the keys go under `ci/`.
    static func checkout(server: String) throws -> String {
        let project = Scratch.directory("cicheckout")
        let config = """
            name: \(name)
            domain: example.org
            acme_email: admin@example.org
            data_root: \(server)/data
            scratch_root: \(server)/scratch
            dumps_dir: \(server)/dumps
            backup_schedule: "off"
            services:
              caddy: { http_port: \(try LoopbackPort.free()), https_port: \(try LoopbackPort.free()), bind_address: 127.0.0.1 }
            apps:
              web: { image: berth-testbed/app, tag: v1, port: 3000, health: { path: /health } }
            environments:
              testbed:
                target: "ssh://root@127.0.0.1:\(Testbed.sshPort)\(server)/services"
                registry_mirror: "\(Testbed.registry)"
                certificates: internal
                healthcheck_interval: 1s
                ssh: { known_hosts: ci/known_hosts, identity_file: ci/deploy_key }
            """
        try config.write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        try markAsSources(project)
        let written = try Run.berth(["ci", "github", "--env", "testbed"], in: project)
        #expect(written.status == 0, "\(written.output)")
        let git = try Run.shell("git init -q -b main . && git add -A && git -c user.name=ci -c user.email=ci@example.org commit -qm project", in: project)
        #expect(git.status == 0, "\(git.output)")
        // Where actions/cache/restore would put the binary the build job made.
        try FileManager.default.createDirectory(atPath: project + "/.build/berth-ci", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project + "/.build/berth-ci/berth", withDestinationPath: Run.berthPath)
        return project
    }

    /// Every shape the generator has passes actionlint: no `ssh:` settings (both keys under `~/.ssh`, one folder),
    /// keys inside the checkout, keys outside it in two system folders, and another branch; each in both repository
    /// modes, one that builds Berth from its sources (as this repository) and a stack repository that installs the
    /// pinned release (`ci.berth:`). The first shape wrote a loop over one quoted word, shellcheck's SC2066, in three jobs.
    @Test(
        arguments: [
            ("no ssh: settings", "", [String]()), ("keys in the checkout", "ssh: { known_hosts: ci/known_hosts, identity_file: ci/deploy_key }", []),
            ("keys outside the checkout", "ssh: { known_hosts: /etc/berth/known_hosts, identity_file: /etc/ssh/berth_key }", []),
            ("another branch", "", ["--branch", "release"]),
        ], ["sources", "release"])
    func everyShapePassesActionlint(_ shape: (name: String, ssh: String, arguments: [String]), mode: String) throws {
        let project = Scratch.directory("cishape")
        let release = "ci: { berth: { url: \"https://releases.example.org/berth-0.9.0-linux-x86_64.tar.gz\", sha256: \(String(repeating: "ab", count: 32)) } }"
        try """
        name: \(Self.name)
        domain: example.org
        acme_email: admin@example.org
        services:
          caddy: {}
        \(mode == "release" ? release : "")
        environments:
          production:
            target: "ssh://deploy@203.0.113.10/opt/services"
            \(shape.ssh)
        """.write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        if mode == "sources" { try Self.markAsSources(project) }
        let written = try Run.berth(["ci", "github", "--env", "production"] + shape.arguments, in: project)
        #expect(written.status == 0, "\(shape.name), \(mode): \(written.output)")
        let workflow = try String(contentsOfFile: project + "/.github/workflows/berth.yml", encoding: .utf8)
        #expect(workflow.contains("swift build") == (mode == "sources"), "\(shape.name), \(mode)")
        #expect(workflow.contains("sha256sum --check") == (mode == "release"), "\(shape.name), \(mode)")
        let lint = try Run.shell("actionlint -no-color \(project)/.github/workflows/berth.yml")
        #expect(lint.status == 0 && lint.output.isEmpty, "\(shape.name), \(mode): \(lint.output)")
    }

    /// A repository without Berth's sources and without `ci.berth:` gets no workflow that could not build: exit 2, naming the key.
    @Test func aStackRepositoryWithoutAPinnedReleaseIsRefused() throws {
        let project = Scratch.directory("cinorelease")
        try "name: \(Self.name)\ndomain: example.org\nacme_email: admin@example.org\nservices:\n  caddy: {}\nenvironments:\n  production: { target: \"ssh://deploy@203.0.113.10/opt/services\" }\n"
            .write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        let refused = try Run.berth(["ci", "github", "--env", "production"], in: project)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("ci.berth: is required in a repository without Berth's sources"), "\(refused.output)")
        #expect(!FileManager.default.fileExists(atPath: project + "/.github"))
    }

    /// The repository holds Berth's sources, as this one does: the workflow builds Berth.
    static func markAsSources(_ project: String) throws {
        try "// Berth's sources (a stand-in for the package manifest)\n".write(toFile: project + "/Package.swift", atomically: true, encoding: .utf8)
    }

    @Test func theWorkflowPassesActionlintAndIsNotWrittenOverAForeignFile() throws {
        let project = try Self.checkout(server: Scratch.directory("ciserver"))
        let path = project + "/.github/workflows/berth.yml"
        let lint = try Run.shell("actionlint -no-color \(path)")
        #expect(lint.status == 0 && lint.output.isEmpty, "\(lint.output)")

        // Its own file is replaced; someone else's only with --force.
        #expect(try Run.berth(["ci", "github", "--env", "testbed"], in: project).status == 0)
        try "name: ours\non: push\n".write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try Run.berth(["ci", "github", "--env", "testbed"], in: project)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(path): not written by berth ci github; refusing to replace it (use --force)"), "\(refused.output)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "name: ours\non: push\n")
        let forced = try Run.berth(["ci", "github", "--env", "testbed", "--force"], in: project)
        #expect(forced.status == 0, "\(forced.output)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# Written by `berth ci github`."))
        #expect(try Run.shell("actionlint -no-color \(path)").status == 0)
    }

    @Test func theDeployAndPlanJobsRunAgainstTheTestbed() throws {
        let server = Scratch.directory("ciserver")
        defer {
            _ = try? Run.shell("cd \(server)/services && docker compose down -v --remove-orphans --timeout 2")
            _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(Self.name) | xargs -r docker rm -f")
        }
        let project = try Self.checkout(server: server)
        // The admin's part: the .env files on the server.
        #expect(try Run.berth(["render", "--env", "testbed", "--out", server + "/services"], in: project).status == 0)
        #expect(try Run.berth(["env", "init", "--env", "testbed", "--dir", server + "/services"], in: project).status == 0)
        let key = try String(contentsOfFile: Testbed.sshKey, encoding: .utf8)
        let knownHosts = try String(contentsOfFile: Testbed.knownHosts, encoding: .utf8).trimmingCharacters(in: .newlines)
        let workflow = project + "/.github/workflows/berth.yml"

        // A host key that is not the server's: the deploy stops at preflight and nothing runs.
        let other = Scratch.directory("otherkey")
        #expect(try Run.shell("ssh-keygen -q -t ed25519 -N '' -f \(other)/key").status == 0)
        let otherKey = try String(contentsOfFile: other + "/key.pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        // A checkout of its own, so no SSH connection a run of the right key opened can serve it.
        let wrong = try Self.checkout(server: server)
        let refused = try WorkflowRunner(
            checkout: wrong, workflow: wrong + "/.github/workflows/berth.yml",
            values: ["vars.BERTH_KNOWN_HOSTS": "[127.0.0.1]:\(Testbed.sshPort) \(otherKey)", "secrets.BERTH_SSH_KEY": key], event: "push"
        ).run("deploy")
        #expect(refused.map(\.name) == ["Install the server's host key and the deploy key", "berth deploy testbed"])
        #expect(refused.last?.run.status == 1)
        #expect(refused.last?.run.stderr.contains("its host key is unknown or has changed") == true, "\(refused.last?.run.output ?? "")")
        #expect(try Run.shell("docker ps -q --filter label=com.docker.compose.project=\(Self.name)").stdout.isEmpty)

        // The right one: the deploy job deploys, with the keys where berth.yaml's ssh: names them.
        let values = ["vars.BERTH_KNOWN_HOSTS": knownHosts, "secrets.BERTH_SSH_KEY": key]
        let deployed = try WorkflowRunner(checkout: project, workflow: workflow, values: values, event: "push").run("deploy")
        #expect(deployed.count == 2)
        #expect(deployed.allSatisfy { $0.run.status == 0 }, "\(deployed.map { "\($0.name): \($0.run.output)" })")
        #expect(try String(contentsOfFile: project + "/ci/known_hosts", encoding: .utf8) == knownHosts + "\n")
        let mode = try FileManager.default.attributesOfItem(atPath: project + "/ci/deploy_key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(
            try Run.shell("docker ps --filter label=com.docker.compose.project=\(Self.name) --format '{{.Label \"com.docker.compose.service\"}} {{.State}}' | sort").stdout
                == "caddy running\nweb running\n")
        let releases = try Run.berth(["releases", "testbed"], in: project)
        #expect(releases.stdout.hasPrefix("* "), "\(releases.output)")

        // The plan job on a pull request: its output in the log and in the job summary.
        let planner = WorkflowRunner(checkout: project, workflow: workflow, values: values, event: "pull_request")
        let planned = try planner.run("plan")
        #expect(planned.count == 2 && planned.allSatisfy { $0.run.status == 0 }, "\(planned.map { "\($0.name): \($0.run.output)" })")
        let summary = try String(contentsOfFile: planner.summary, encoding: .utf8)
        #expect(summary.hasPrefix("### Plan for testbed\n\n```\n"), "\(summary)")
        #expect(summary.hasSuffix("```\n"))
        let plan = try Run.berth(["plan", "testbed"], in: project)
        #expect(summary.contains(plan.stdout), "\(summary)")
        #expect(!summary.contains("PRIVATE KEY"))
    }
}
