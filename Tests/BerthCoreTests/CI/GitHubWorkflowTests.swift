import Foundation
import PluginTesting
import Testing
import Yams

@testable import BerthCore

@Suite struct GitHubWorkflowTests {
    static let root = "/tmp/berth-tests"

    static func config(ssh: String) -> String {
        Fixtures.withServices("  planka: {}\n  traefik: {}")
            .replacingOccurrences(
                of: "production: { target: \"ssh://deploy@tangram-orchestre.fr/opt/services\" }",
                with: "production: { target: \"ssh://deploy@tangram-orchestre.fr/opt/services\"\(ssh) }\n  local: { target: \"file:.berth/local\" }")
    }

    func workflow(ssh: String = ", ssh: { known_hosts: ci/known_hosts, identity_file: /etc/berth/deploy_key }", environment: String = "production", branch: String = "main")
        throws -> GitHubWorkflow
    {
        try GitHubWorkflow(try Fixtures.config(Self.config(ssh: ssh), file: Self.root + "/berth.yaml"), environment: environment, root: Self.root, branch: branch)
    }

    @Test func theWholeFileIsTheGolden() throws {
        let workflow = try workflow()
        #expect(workflow.knownHosts == .literal("ci/known_hosts"))
        #expect(workflow.identityFile == .literal("/etc/berth/deploy_key"))
        assertSnapshot(workflow.text, named: "berth.yml")
        #expect(GitHubWorkflow.isOurs(workflow.text))
        #expect(!GitHubWorkflow.isOurs("name: deploy\n" + workflow.text))
    }

    /// A stack repository (`ci.berth:`): no build job, and each job installs the pinned release before anything runs.
    @Test func aStackRepositoryInstallsThePinnedRelease() throws {
        let pin = "ci: { berth: { url: \"https://releases.example.org/berth-0.9.0-linux-x86_64.tar.gz\", sha256: \(String(repeating: "0f", count: 32)) } }\n"
        let config = try Fixtures.config(pin + Self.config(ssh: ""), file: Self.root + "/berth.yaml")
        let workflow = try GitHubWorkflow(config, environment: "production", root: Self.root, hasSources: false)
        assertSnapshot(workflow.text, named: "berth-release.yml")
        #expect(!workflow.text.contains("  build:") && !workflow.text.contains("needs: build") && !workflow.text.contains("actions/cache"))
        // Without the pin, a repository without Berth's sources gets no workflow that could not build.
        #expect(throws: BerthError.self) {
            try GitHubWorkflow(try Fixtures.config(Self.config(ssh: ""), file: Self.root + "/berth.yaml"), environment: "production", root: Self.root, hasSources: false)
        }
    }

    /// Read back as YAML: the triggers, the jobs and what each one runs.
    @Test func jobsRunOnTheirEventsWithTheBinaryFromTheBuildJob() throws {
        let text = try workflow(branch: "release/2026").text
        let yaml = try #require(try Yams.load(yaml: text) as? [String: Any])
        let on = try #require(yaml["on"] as? [String: Any])
        #expect(Set(on.keys) == ["pull_request", "push", "schedule", "workflow_dispatch"])
        #expect((on["push"] as? [String: Any])?["branches"] as? [String] == ["release/2026"])
        let jobs = try #require(yaml["jobs"] as? [String: [String: Any]])
        #expect(Set(jobs.keys) == ["build", "plan", "deploy", "updates"])
        let runs = { (job: String) -> [String] in ((jobs[job]?["steps"] as? [[String: Any]]) ?? []).compactMap { $0["run"] as? String } }
        #expect(runs("build").joined().contains("swift build -c release --product berth"))
        #expect(runs("deploy").last == ".build/berth-ci/berth deploy production --lock-wait 600")
        #expect(runs("plan").last?.contains(".build/berth-ci/berth plan production > \"$RUNNER_TEMP/plan.txt\"") == true)
        #expect(runs("plan").last?.contains(">> \"$GITHUB_STEP_SUMMARY\"") == true)
        #expect(runs("updates").last?.contains(".build/berth-ci/berth update check --env production >") == true)
        #expect(jobs["deploy"]?["if"] as? String == "github.event_name == 'push' && github.ref == 'refs/heads/release/2026'")
        #expect((jobs["deploy"]?["concurrency"] as? [String: Any])?["group"] as? String == "berth-deploy-production")
        #expect((jobs["deploy"]?["concurrency"] as? [String: Any])?["cancel-in-progress"] as? Bool == false)
        for job in ["plan", "deploy", "updates"] {
            #expect(jobs[job]?["needs"] as? String == "build")
            let uses = ((jobs[job]?["steps"] as? [[String: Any]]) ?? []).compactMap { $0["uses"] as? String }
            #expect(uses == ["actions/checkout@v4", "actions/cache/restore@v4"])
        }
        // Values from the repository's settings reach the script only through env:, never pasted into it.
        for job in jobs.keys {
            for script in runs(job) { #expect(!script.contains("${{"), "\(job): \(script)") }
        }
    }

    @Test func withoutSSHSettingsTheKeysGoWhereSSHLooks() throws {
        let workflow = try workflow(ssh: "")
        #expect(workflow.knownHosts == .home(".ssh/known_hosts"))
        #expect(workflow.identityFile == .home(".ssh/id_ed25519"))
        #expect(workflow.text.contains("          printf '%s\\n' \"$KNOWN_HOSTS\" > \"$HOME/.ssh/known_hosts\"\n"))
        #expect(workflow.text.contains("          chmod 600 \"$HOME/.ssh/id_ed25519\"\n"))
        #expect(workflow.notes.contains("the environment sets no ssh.known_hosts: the workflow writes ~/.ssh/known_hosts"))
        #expect(workflow.notes.contains("the environment sets no ssh.identity_file: the workflow writes the key to ~/.ssh/id_ed25519"))
    }

    @Test func refusesWhatARunnerCannotDo() throws {
        #expect(throws: BerthError.usage("environments.local.target: file:/tmp/berth-tests/.berth/local is a folder on this machine; a CI runner can only deploy to an ssh:// target")) {
            try workflow(environment: "local")
        }
        #expect(throws: BerthError.usage("--env nope: no such environment (have production, local)")) { try workflow(environment: "nope") }
        for branch in ["", "-x", "a..b", "a b", "${{ x }}", "main/"] {
            #expect(throws: BerthError.self) { try workflow(branch: branch) }
        }
    }
}
