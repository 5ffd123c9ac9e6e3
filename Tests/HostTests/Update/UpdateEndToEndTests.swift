import Foundation
import Testing

/// `berth update` around real deploys: a stack deployed from a registry of the test's own, `apply` that
/// changes berth.lock alone, the plan that shows just the image, the deploy that takes it, and a
/// floating tag re-pushed under the deployed release.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct UpdateEndToEndTests {
    struct Stack {
        let root: String
        var server: String { root + "-server/services" }

        func berth(_ arguments: [String]) throws -> Run { try Run.berth(arguments, in: root) }

        func deploy() throws {
            let deployed = try berth(["deploy", "test", "--timeout", "150"])
            #expect(deployed.status == 0, "\(deployed.output)")
        }

        /// The image the watchtower container runs.
        func runningImage() throws -> String {
            try Run.shell("docker ps --filter label=com.docker.compose.project=berthupdate --filter label=com.docker.compose.service=watchtower --format '{{.Image}}'").stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func tearDown() {
            _ = try? Run.shell("cd \(server) && docker compose down --timeout 2")
            _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=berthupdate | xargs -r docker rm -f")
        }
    }

    static func provision(_ root: String) throws -> Stack {
        let stack = Stack(root: root)
        #expect(try stack.berth(["render", "--env", "test", "--out", stack.server]).status == 0)
        #expect(try stack.berth(["env", "init", "--env", "test", "--dir", stack.server]).status == 0)
        return stack
    }

    @Test func applyChangesOnlyTheLockThePlanShowsTheImageAndADeployTakesIt() throws {
        _ = try Run.shell("scripts/testbed up >/dev/null", in: Run.packageRoot)
        let registry = try TestRegistry()
        defer { registry.stop() }
        try registry.push("nickfedor/watchtower", ["1.22.1", "1.22.4", "1.23.0", "1.24.0-rc1", "2.0.0"], source: UpdateCommandTests.watchtower)
        try UpdateCommandTests.pushSocketProxy(registry)
        let stack = try Self.provision(try UpdateCommandTests.project(mirror: registry.host))
        defer { stack.tearDown() }
        try stack.deploy()
        let image = "\(registry.host)/nickfedor/watchtower"
        #expect(try stack.runningImage() == "\(image):1.22.1")

        let before = Scratch.snapshot(stack.root)
        let containerBefore = try Run.shell("docker ps -q --filter label=com.docker.compose.project=berthupdate --filter label=com.docker.compose.service=watchtower").stdout
        let apply = try stack.berth(["update", "apply", "--env", "test", "--level", "patch"])
        #expect(apply.status == 0, "\(apply.output)")
        #expect(
            apply.stdout.hasPrefix(
                "watchtower/watchtower: 1.22.1 -> 1.22.4 (patch)\nleft: watchtower/watchtower: 1.23.0 is a minor step; use --level minor to take it\nleft: watchtower/watchtower: 2.0.0 is a major step; use --level major to take it\nwrote \(stack.root)/berth.lock\n"
            ), "\(apply.stdout)")
        let release = try #require(try String(contentsOfFile: stack.server + "/.berth/current", encoding: .utf8).split(separator: "\n").first)
        #expect(
            apply.stdout.hasSuffix(
                "plan for test (`berth deploy test` applies it):\nchanges since release \(release):\n~ watchtower (watchtower)\n    image: \(image):1.22.1 -> \(image):1.22.4\nfiles changed: watchtower/docker-compose.yaml\n"
            ), "\(apply.stdout)")
        var after = Scratch.snapshot(stack.root)
        let lock = after.removeValue(forKey: "berth.lock").map { String(decoding: $0, as: UTF8.self) }
        #expect(after == before, "only berth.lock may change")
        #expect(lock?.hasSuffix("version: 1\npins:\n  watchtower:\n    socket-proxy: \"2.6.12\"\n    watchtower: \"1.22.4\"\n") == true, "\(lock ?? "no lock")")
        #expect(try Run.shell("docker ps -q --filter label=com.docker.compose.project=berthupdate --filter label=com.docker.compose.service=watchtower").stdout == containerBefore)

        // The plan says the same, render reads the lock, and a deploy takes it.
        let plan = try stack.berth(["plan", "test", "--detailed-exitcode"])
        #expect(plan.status == 3 && plan.stdout.contains("image: \(image):1.22.1 -> \(image):1.22.4"))
        try stack.deploy()
        #expect(try stack.runningImage() == "\(image):1.22.4")

        // A dry run writes nothing; --level minor then takes 1.23.0 and never the pre-release.
        let dry = try stack.berth(["update", "apply", "--env", "test", "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("watchtower/watchtower: 1.22.4 -> 1.23.0 (minor)\n"), "\(dry.output)")
        #expect(dry.stdout.contains("dry run: \(stack.root)/berth.lock not written"))
        #expect(Scratch.snapshot(stack.root)["berth.lock"] == Data((lock ?? "").utf8))
        let check = try stack.berth(["update", "check", "--env", "test", "--json"])
        #expect(check.stdout.contains("\"current\" : \"1.22.4\"") && check.stdout.contains("\"source\" : \"berth.lock\""), "\(check.stdout)")
    }

    @Test func aRepushedFloatingTagIsANewBuild() throws {
        let registry = try TestRegistry()
        defer { registry.stop() }
        try registry.push("nickfedor/watchtower", ["latest"], source: UpdateCommandTests.watchtower)
        try UpdateCommandTests.pushSocketProxy(registry)
        let stack = try Self.provision(try UpdateCommandTests.project(mirror: registry.host, watchtower: "{ version: latest }"))
        defer { stack.tearDown() }
        let undeployed = try stack.berth(["update", "check", "--env", "test", "--detailed-exitcode"])
        #expect(undeployed.status == 0, "\(undeployed.output)")
        #expect(undeployed.stdout.contains("warning: nothing is deployed to test yet"))
        try stack.deploy()

        let same = try stack.berth(["update", "check", "--env", "test", "--detailed-exitcode", "--json"])
        #expect(same.status == 0, "\(same.output)")
        let row = UpdateCommandTests.row(try UpdateCommandTests.json(same), "watchtower")
        #expect(row?["newBuild"] as? Bool == false && row?["deployedDigest"] as? String == row?["registryDigest"] as? String)

        try registry.push("nickfedor/watchtower", ["latest"])
        let drift = try stack.berth(["update", "check", "--env", "test", "--detailed-exitcode"])
        #expect(drift.status == 3, "\(drift.output)")
        #expect(drift.stdout.contains("watchtower         nickfedor/watchtower  latest (new build)"), "\(drift.stdout)")
        #expect(drift.stdout.contains("1. watchtower/watchtower: new build: latest is sha256:"), "\(drift.stdout)")
        // berth.yaml pins `latest`, so apply writes no version; the deploy's pull takes the new build.
        let apply = try stack.berth(["update", "apply", "--env", "test"])
        #expect(apply.status == 0, "\(apply.output)")
        #expect(apply.stdout.hasPrefix("no version to pin at --level minor\nleft: watchtower/watchtower: a new build of latest is out; a deploy pulls it\n"), "\(apply.stdout)")
        // berth.yaml pins Watchtower: the lock holds only its socket proxy's version.
        let lock = try String(contentsOfFile: stack.root + "/berth.lock", encoding: .utf8)
        #expect(lock.hasSuffix("pins:\n  watchtower:\n    socket-proxy: \"2.6.12\"\n"), "\(lock)")
    }
}
