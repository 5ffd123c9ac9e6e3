@testable import BerthCore
import PluginTesting
import ServicePlugin
import Testing

/// Healthchecks' `start_interval` is rendered only for an engine that has it (Engine 25): Compose refuses it on 20.10.
@Suite struct DockerFeaturesTests {
    @Test func theVersionDockerReportsDecides() {
        #expect(!DockerFeatures(dockerVersion: "20.10.24+dfsg1").startInterval)
        #expect(!DockerFeatures(dockerVersion: "24.0.9").startInterval)
        #expect(DockerFeatures(dockerVersion: "25.0.0").startInterval)
        #expect(DockerFeatures(dockerVersion: "26.1.5+dfsg1").startInterval)
        #expect(DockerFeatures(dockerVersion: "28.2.2").startInterval)
        // Preflight found no engine: what every engine runs.
        #expect(DockerFeatures(dockerVersion: "") == .baseline)
    }

    @Test func theOptionRefusesWhatIsNoVersion() throws {
        #expect(try DockerFeatures(option: "28.2.2").startInterval)
        for bad in ["latest", "", "v28", "28 2", "28;rm"] {
            #expect(throws: BerthError.self, "\(bad)") { try DockerFeatures(option: bad) }
        }
    }

    @Test func aHealthcheckGetsItsStartIntervalOnlyWhereTheEngineHasIt() {
        let check = ContainerHealthcheck.pgIsReady(user: "app", database: "app")
        let old = YAMLEmitter.emit(ComposeRenderer.value(check))
        let new = YAMLEmitter.emit(ComposeRenderer.value(check, features: DockerFeatures(dockerVersion: "26.1.5")))
        #expect(!old.contains("start_interval"))
        #expect(new == old + "start_interval: \"2s\"\n")
        var none = check
        none.startInterval = nil
        #expect(YAMLEmitter.emit(ComposeRenderer.value(none, features: DockerFeatures(dockerVersion: "26.1.5"))) == old)
    }

    @Test func theTreeAndTheSummaryFollowTheStacksEngine() throws {
        var stack = try FakeStacks.build("  traefik: {}\n  authentik: {}\n  planka: {}")
        let old = TreeRenderer.render(stack)
        stack.engine = DockerFeatures(dockerVersion: "28.2.2")
        let new = TreeRenderer.render(stack)
        #expect(old.checksum != new.checksum)
        let planka = new.files.first { $0.path == "planka/docker-compose.yaml" }?.contents ?? ""
        #expect(planka.contains("start_interval: \"2s\""))
        #expect(!old.files.contains { $0.contents.contains("start_interval") })
        // A plan against a release rendered for the same engine shows no service changed.
        let summary = StackSummary(stack: stack, tree: new)
        #expect(!Plan(from: "r1", old: summary, new: StackSummary(stack: stack, tree: new)).hasChanges)
        stack.engine = .baseline
        #expect(Plan(from: "r1", old: summary, new: StackSummary(stack: stack, tree: old)).hasChanges)
    }

    @Test func planRendersForTheEngineTheLiveReleaseWasRenderedFor() async throws {
        var stack = try FakeStacks.build("  traefik: {}\n  authentik: {}\n  planka: {}", target: "file:\(TranscriptTarget.root)")
        let baseline = stack
        stack.engine = DockerFeatures(dockerVersion: "28.2.2")
        let tree = TreeRenderer.render(stack)
        let release = Release(
            id: "r1", time: "2026-11-30T10:00:00Z", environment: "production", commit: nil, checksum: tree.checksum, images: [], deployedBy: "ci",
            engine: stack.engine)
        let target = TranscriptTarget()
        target.live = ReleaseRecord(release: release, summary: StackSummary(stack: stack, tree: tree))
        target.releases = [target.live!]
        // `berth plan` knows no engine of its own: it takes the live release's, and finds nothing to change.
        let plan = try await Planner(stack: baseline, runner: RecordingRunner(responder: target.answer)).plan()
        #expect(!plan.hasChanges, "\(plan.text)")
    }
}
