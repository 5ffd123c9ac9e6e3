import Foundation
import Testing

/// A deploy that would change nothing does nothing: no sync, no pull, no `up`, no new release.
/// Each change that matters (a rendered file, a `.env`, a stopped container, the image a tag names)
/// still runs the whole pipeline, and `--force` always does.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct NoOpDeployTests {
    let server = Scratch.directory("srv-noop")
    let project = Scratch.directory("proj-noop")
    var services: String { server + "/services" }
    /// A tag of its own in the test bed's registry, so the first deploy has an image to pull.
    let tag = "noop-\(UUID().uuidString.prefix(8).lowercased())"
    var reference: String { "\(Testbed.registry)/berth-testbed/app:\(tag)" }

    func config(env: String = "v1") -> String {
        AppProject.header(name: "berthnoop", project: server) + """
            services:
              restic: { repository: "\(server)/restic-repo" }
            apps:
              web: { image: berth-testbed/app, tag: \(tag), port: 3000, health: { path: /health }, env: { MARK: "\(env)" }, secrets: { WEB_TOKEN: { length: 16 } } }
            environments:
              testbed:
                target: "ssh://root@127.0.0.1:\(Testbed.sshPort)\(server)/services"
                registry_mirror: "\(Testbed.registry)"
                certificates: internal
                healthcheck_interval: 1s
                ssh: { known_hosts: "\(Testbed.knownHosts)", identity_file: "\(Testbed.sshKey)" }

            """
    }

    func deploy(_ extra: [String] = []) throws -> Run {
        let run = try Run.berth(["deploy", "testbed", "--timeout", "60"] + extra, in: project)
        #expect(run.status == 0, "\(run.output)")
        return run
    }

    func releases() throws -> Int {
        let run = try Run.berth(["releases", "testbed", "--json"], in: project)
        return ((try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["releases"] as? [Any])?.count ?? -1
    }

    func started(_ service: String) throws -> String {
        try Run.shell("docker inspect --format '{{.Id}} {{.State.StartedAt}}' berthnoop-\(service)-1").stdout
    }

    /// Ran the whole pipeline, and said why.
    func ranEverything(_ run: Run, because reason: String) {
        #expect(run.stderr.contains("==> sync") && run.stderr.contains("==> update"), "\(run.output)")
        #expect(run.stderr.contains("changes: ") && run.stderr.contains(reason), "\(run.output)")
    }

    @Test func aDeployThatChangesNothingIsSkippedAndEveryChangeStillDeploys() throws {
        defer {
            _ = try? Run.shell("cd \(services) && docker compose down -v --remove-orphans --timeout 2")
            _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=berthnoop | xargs -r docker rm -f")
        }
        // An image of its own content (the app with one more label), in the registry and not on the server.
        let dockerfile = "FROM \(Testbed.registry)/berth-testbed/app:v1\nLABEL berth.test=\(tag)\n"
        let pushed = try Run.shell(
            "printf '\(dockerfile)' | docker build -q -t \(reference) - >/dev/null && docker push -q \(reference) >/dev/null && docker rmi \(reference) >/dev/null")
        #expect(pushed.status == 0, "\(pushed.output)")
        try config().write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        #expect(try Run.berth(["env", "init", "--env", "testbed"], in: project).status == 0)
        // The first deploy says which image it pulls, how big it is, and which service it waits on.
        let first = try deploy()
        // Apps are pulled by the digest their tag was resolved to.
        #expect(first.stderr.contains("    update: pulling \(reference)@sha256:"), "\(first.stderr)")
        #expect(first.stderr.range(of: #"    update: pulled \#(reference)@sha256:[0-9a-f]{64} \([0-9.]+ MB\) in [0-9.]+ s\n"#, options: .regularExpression) != nil, "\(first.stderr)")
        // The gate names what it waits on: a container still starting, or a module's check (restic's new repository).
        let waits = first.stderr.split(separator: "\n").filter { $0.hasPrefix("    health: waiting for ") }
        #expect(!waits.isEmpty && waits.allSatisfy { $0.contains("web") || $0.contains("restic") } && waits.allSatisfy { $0.hasSuffix(" s") }, "\(first.stderr)")
        let before = try started("web")
        let count = try releases()

        let skipped = try deploy(["--json"])
        #expect(skipped.stdout.contains("\"unchanged\" : true"), "\(skipped.output)")
        #expect(!skipped.stderr.contains("==> sync") && !skipped.stderr.contains("==> update"), "\(skipped.output)")
        #expect(try Run.berth(["deploy", "testbed"], in: project).stdout == "no changes: testbed runs release \(try currentRelease())\n")
        #expect(try started("web") == before)
        #expect(try releases() == count)
        #expect(try Run.shell("ls \(services)/.berth/lock 2>&1").status != 0, "the lock was let go")

        let forced = try deploy(["--force"])
        #expect(forced.stderr.contains("==> sync") && forced.stderr.contains("==> update"), "\(forced.output)")
        #expect(try releases() == count + 1)

        // A rendered file.
        try config(env: "v2").write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        ranEverything(try deploy(), because: "the rendered files changed")
        #expect(try Run.shell("docker exec berthnoop-web-1 sh -c 'echo $MARK'").stdout == "v2\n")

        // A .env value.
        _ = try Run.shell("printf 'another-token\\n' | \(Run.berthPath) env set testbed web WEB_TOKEN -c \(project)/berth.yaml")
        ranEverything(try deploy(), because: "web/.env changed")
        #expect(try Run.shell("docker exec berthnoop-web-1 sh -c 'echo $WEB_TOKEN'").stdout == "another-token\n")

        // A stopped container.
        _ = try Run.shell("docker stop -t 1 berthnoop-web-1")
        ranEverything(try deploy(), because: "web is exited")
        #expect(try Run.shell("docker inspect --format '{{.State.Status}}' berthnoop-web-1").stdout == "running\n")

        // A module's tag now names another image on the server than the one its container runs
        // (apps are pinned by digest, so only a tag can move under a running container).
        let restic = try Run.shell("docker inspect --format '{{.Config.Image}}' berthnoop-restic-1").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try Run.shell("docker tag \(Testbed.registry)/berth-testbed/app:v1 \(restic)")
        ranEverything(try deploy(), because: "restic runs another image than \(restic) now names")
        // The deploy's pull put the tag back: the next deploy finds nothing to do.

        #expect(try deploy().stdout.hasPrefix("no changes: "))
    }

    func currentRelease() throws -> String {
        try String(contentsOfFile: services + "/.berth/current", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
