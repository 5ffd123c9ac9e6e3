@testable import BerthCore
import Testing

/// When a deploy may skip its work, and each change that must defeat the skip.
@Suite struct NoOpCheckTests {
    let stack: Stack
    let tree: RenderedTree
    let live: ReleaseRecord

    init() throws {
        stack = try Fixtures.stack(Fixtures.withServices("  watchtower: {}"))
        tree = TreeRenderer.render(stack)
        let images = stack.modules.flatMap { $0.fragment.services.compactMap { $0.image?.description } }.map { reference in
            Release.Image(reference: reference, digest: Self.repository(reference) + "@sha256:aaa")
        }
        let release = Release(id: "r1", time: "2026-12-01T00:00:00Z", environment: "production", commit: nil, checksum: tree.checksum, images: images, deployedBy: "ci", failure: nil)
        live = ReleaseRecord(release: release, summary: StackSummary(stack: stack, tree: tree))
    }

    static func repository(_ reference: String) -> String {
        String(reference.split(separator: ":").dropLast().joined(separator: ":"))
    }

    /// The server as the live release left it: every container running healthy on the recorded build.
    func probe() -> NoOpProbe {
        var containers: [String: StackFacts.Container] = [:]
        var images: [String: NoOpProbe.Image] = [:]
        for service in stack.modules.flatMap(\.fragment.services) {
            let reference = service.image!.description
            images[reference] = NoOpProbe.Image(id: "sha256:id-\(service.name)", digests: [Self.repository(reference) + "@sha256:aaa"])
            let health = service.healthcheck == nil ? nil : "healthy"
            containers[service.name] = StackFacts.Container(
                service: service.name, id: "c-\(service.name)", state: "running", health: health, restartCount: 0, imageID: "sha256:id-\(service.name)")
        }
        return NoOpProbe(newerEnvFiles: [], images: images, facts: StackFacts(containers: containers))
    }

    @Test func theSameTreeOnTheRecordedBuildsIsNoChange() {
        #expect(NoOpCheck.reasons(stack: stack, tree: tree, live: live, probe: probe()) == [])
    }

    @Test func eachChangeDefeatsTheSkip() throws {
        let other = try Fixtures.stack(Fixtures.withServices("  watchtower: { schedule: \"0 0 5 * * *\" }"))
        #expect(NoOpCheck.reasons(stack: other, tree: TreeRenderer.render(other), live: live, probe: probe()) == ["the rendered files changed"])

        var env = probe()
        env.newerEnvFiles = ["watchtower/.env"]
        #expect(NoOpCheck.reasons(stack: stack, tree: tree, live: live, probe: env) == ["watchtower/.env changed"])

        var stopped = probe()
        stopped.facts.containers["watchtower"]?.state = "exited"
        #expect(NoOpCheck.reasons(stack: stack, tree: tree, live: live, probe: stopped) == ["watchtower is exited"])

        var missing = probe()
        missing.facts.containers["watchtower"] = nil
        #expect(NoOpCheck.reasons(stack: stack, tree: tree, live: live, probe: missing).first?.hasPrefix("watchtower is ") == true)

        let reference = try #require(stack.modules.first?.fragment.services.first?.image?.description)
        var retagged = probe()
        retagged.images[reference]?.id = "sha256:newer"
        #expect(NoOpCheck.reasons(stack: stack, tree: tree, live: live, probe: retagged) == ["watchtower runs another image than \(reference) now names"])

        var rebuilt = probe()
        rebuilt.images[reference]?.digests = [Self.repository(reference) + "@sha256:bbb"]
        #expect(NoOpCheck.reasons(stack: stack, tree: tree, live: live, probe: rebuilt) == ["\(reference) is not the build the live release recorded"])

        var orphan = probe()
        orphan.facts.containers["old"] = StackFacts.Container(service: "old", id: "c-old", state: "running", health: nil, restartCount: 0)
        #expect(NoOpCheck.reasons(stack: stack, tree: tree, live: live, probe: orphan) == ["old is no longer in the stack"])
    }

    @Test func theProbesAnswerIsRead() {
        let output = """
            #env=./planka/.env
            #image=127.0.0.1:5000/nickfedor/watchtower:1.22.1 sha256:abc ["127.0.0.1:5000/nickfedor/watchtower@sha256:aaa"]
            #image=missing:1
            []
            """
        let probe = NoOpProbe(output)
        #expect(probe.newerEnvFiles == ["planka/.env"])
        #expect(probe.images["127.0.0.1:5000/nickfedor/watchtower:1.22.1"] == NoOpProbe.Image(id: "sha256:abc", digests: ["127.0.0.1:5000/nickfedor/watchtower@sha256:aaa"]))
        #expect(probe.images["missing:1"] == nil)
    }
}
