@testable import BerthCore
import Foundation
import Testing

/// A deploy does each costly step once: one validation, one render, one plan, even on a Docker 25+ target
/// whose features change the render, and with a live release to plan against.
@Suite struct DeployOnceTests {
    /// Counts the plans handed to it.
    final class PlanCounter: ProgressReporter, @unchecked Sendable {
        private let lock = NSLock()
        private var plans = 0
        var count: Int { lock.withLock { plans } }
        func started(_ step: String) {}
        func finished(_ step: String, seconds: Double, ok: Bool, note: String?) {}
        func plan(_ plan: Plan) { lock.withLock { plans += 1 } }
    }

    @Test func aDeployValidatesRendersAndPlansOnce() async throws {
        let target = TranscriptTarget()
        target.live = TranscriptTarget.record("20261130T100000Z-0000", stack: try TranscriptTarget.stack())
        let stack = try TranscriptTarget.stack()
        let counter = StepCounter()
        let plans = PlanCounter()
        let stamp = DeployStamp(
            releaseID: "20261201T100000Z-0002", time: "2026-12-01T10:00:00Z", owner: "ci@builder", pid: 4242,
            workspace: NSTemporaryDirectory() + "berth-deploy-once-\(UUID().uuidString)")
        let report = try await StepCounter.$current.withValue(counter) {
            try await Deployer(stack: stack, runner: RecordingRunner(responder: target.answer), options: DeployOptions(timeout: 5, stamp: stamp), progress: plans).deploy()
        }
        #expect(report.ok && report.plan != nil)
        // The target runs Docker 28.2.2: the render is for its features, made once after preflight.
        #expect(counter.count("validate") == 1)
        #expect(counter.count("render") == 1)
        #expect(plans.count == 1)
    }

    @Test func aDryRunValidatesRendersAndPlansOnceToo() async throws {
        let target = TranscriptTarget()
        let counter = StepCounter()
        let stamp = DeployStamp(
            releaseID: "20261201T100000Z-0003", time: "2026-12-01T10:00:00Z", owner: "ci@builder", pid: 4242,
            workspace: NSTemporaryDirectory() + "berth-dry-once-\(UUID().uuidString)")
        let (report, _) = try await StepCounter.$current.withValue(counter) {
            try await DryRun(stack: try TranscriptTarget.stack(), reader: RecordingRunner(responder: target.answer), options: DeployOptions(stamp: stamp)).run()
        }
        #expect(report.ok)
        #expect(counter.count("validate") == 1)
        #expect(counter.count("render") == 1)
    }
}
