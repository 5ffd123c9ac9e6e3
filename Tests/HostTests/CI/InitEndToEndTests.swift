import BerthCore
import Foundation
import Testing

/// `berth init` as a new user runs it: a scratch git repository it starts, whose generated workflow's deploy job,
/// run step by step with bash and no Swift on the PATH, installs the release tarball (its SHA-256 checked) and
/// deploys to the test bed over SSH.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct InitEndToEndTests {
    static let name = "berthinit"

    /// This process's PATH without the Swift toolchain's folders: the runner of a stack repository has none.
    static var pathWithoutSwift: String {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").filter { !$0.contains("swift") }.joined(separator: ":")
    }

    @Test func aRepositoryFromInitDeploysThroughItsWorkflowWithTheReleaseBinary() throws {
        guard ReleaseTarball.required() else { return }
        let server = Scratch.directory("initserver")
        let project = Scratch.directory("initrepo")
        // A compose project the target's engine runs already: init must point to `berth adopt` for it.
        let running = try Run.shell(
            "docker run -d --rm --label com.docker.compose.project=initrunning --label com.docker.compose.project.working_dir=/srv/old \(Testbed.registry)/berth-testbed/busybox sleep 300"
        )
        #expect(running.status == 0, "\(running.output)")
        defer {
            _ = try? Run.shell("docker rm -f \(running.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) >/dev/null")
            _ = try? Run.shell("cd \(server)/services && docker compose down -v --remove-orphans --timeout 2")
            _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(Self.name) | xargs -r docker rm -f")
        }
        let target = "ssh://root@127.0.0.1:\(Testbed.sshPort)\(server)/services"
        // Flags only: the test's standard input is no terminal, so init asks nothing.
        let initialised = try Run.berth(
            [
                "init", project, "--name", Self.name, "--domain", "example.org", "--proxy", "caddy", "--identity", "none", "--backup", "none",
                "--env", "testbed", "--target", target,
                "--known-hosts", Testbed.knownHosts, "--identity-file", Testbed.sshKey, "--data-root", server + "/data", "--scratch-root", server + "/scratch", "--dumps-dir", server + "/dumps",
                "--release-url", ReleaseTarball.url, "--release-sha256", ReleaseTarball.sha256,
            ], input: "")
        #expect(initialised.status == 0, "\(initialised.output)")
        #expect(initialised.stderr.contains("runs compose project initrunning (started in /srv/old): take it over with `berth adopt --env testbed --project initrunning`"), "\(initialised.output)")
        let files = try Run.shell("cd \(project) && find . -type f | sort").stdout
        #expect(files == "./.github/workflows/berth.yml\n./.gitignore\n./berth.lock\n./berth.schema.json\n./berth.yaml\n", "\(files)")
        let config = try String(contentsOfFile: project + "/berth.yaml", encoding: .utf8)
        #expect(config.hasPrefix("# yaml-language-server: $schema=./berth.schema.json\n"))
        #expect(try String(contentsOfFile: project + "/.gitignore", encoding: .utf8).contains("\n.env\n"))
        let workflow = project + "/.github/workflows/berth.yml"
        let lint = try Run.shell("actionlint -no-color \(workflow)")
        #expect(lint.status == 0 && lint.output.isEmpty, "\(lint.output)")
        #expect(try !String(contentsOfFile: workflow, encoding: .utf8).contains("swift build"))

        // What an admin adds for this server: the test bed's registry, no ACME offline, Caddy on free loopback
        // ports, the keys where the workflow writes them, and one app.
        let edited =
            config.replacingOccurrences(of: "    ssh: { known_hosts: \"\(Testbed.knownHosts)\", identity_file: \"\(Testbed.sshKey)\" }\n", with: "").replacingOccurrences(
                of: "  caddy: {}", with: "  caddy: { http_port: \(try LoopbackPort.free()), https_port: \(try LoopbackPort.free()), bind_address: 127.0.0.1 }")
                + """
                    registry_mirror: "\(Testbed.registry)"
                    certificates: internal
                    healthcheck_interval: 1s
                    ssh: { known_hosts: ci/known_hosts, identity_file: ci/deploy_key }
                apps:
                  web: { image: berth-testbed/app, tag: v1, port: 3000, health: { path: /health } }

                """
        try edited.write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        #expect(try Run.berth(["validate", "testbed"], in: project).status == 0)
        // The keys moved: the workflow is written again, as `berth ci github` says after such an edit.
        #expect(try Run.berth(["ci", "github", "--env", "testbed"], in: project).status == 0)
        let git = try Run.shell("git init -q -b main . && git add -A && git -c user.name=ci -c user.email=ci@example.org commit -qm stack", in: project)
        #expect(git.status == 0, "\(git.output)")
        // The admin's part on the server: its .env files.
        #expect(try Run.berth(["render", "--env", "testbed", "--out", server + "/services"], in: project).status == 0)
        #expect(try Run.berth(["env", "init", "--env", "testbed", "--dir", server + "/services"], in: project).status == 0)

        let values = [
            "vars.BERTH_KNOWN_HOSTS": try String(contentsOfFile: Testbed.knownHosts, encoding: .utf8).trimmingCharacters(in: .newlines),
            "secrets.BERTH_SSH_KEY": try String(contentsOfFile: Testbed.sshKey, encoding: .utf8),
        ]
        var runner = WorkflowRunner(checkout: project, workflow: workflow, values: values, event: "push")
        runner.path = Self.pathWithoutSwift
        let deployed = try runner.run("deploy")
        #expect(deployed.map(\.name) == ["Install berth (ci.berth in berth.yaml)", "Install the server's host key and the deploy key", "berth deploy testbed"])
        #expect(deployed.allSatisfy { $0.run.status == 0 }, "\(deployed.map { "\($0.name): \($0.run.output)" })")
        #expect(deployed.first?.run.stdout.contains("\n" + ReleaseTarball.version + " (commit ") == true, "\(deployed.first?.run.output ?? "")")
        #expect(
            try Run.shell("docker ps --filter label=com.docker.compose.project=\(Self.name) --format '{{.Label \"com.docker.compose.service\"}} {{.State}}' | sort").stdout
                == "caddy running\nweb running\n")

        // A tarball that is not the pinned one is refused before it is unpacked.
        try edited.replacingOccurrences(of: ReleaseTarball.sha256, with: String(repeating: "0", count: 64)).write(
            toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        #expect(try Run.berth(["ci", "github", "--env", "testbed"], in: project).status == 0)
        try FileManager.default.removeItem(atPath: project + "/.build")
        let refused = try runner.run("deploy")
        #expect(refused.count == 1 && refused[0].run.status != 0, "\(refused.map { "\($0.name): \($0.run.output)" })")
        #expect(refused.first?.run.output.contains("FAILED") == true, "\(refused.first?.run.output ?? "")")
        #expect(!FileManager.default.fileExists(atPath: project + "/.build/berth-ci/berth"))
    }
}
