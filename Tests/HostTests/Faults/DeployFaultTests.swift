import Foundation
import Testing

/// A fault at each step of `berth deploy`, over SSH, on the shared fault bed: Berth killed (SIGKILL, as a dead laptop)
/// or its SSH connection cut, at a known point. The recovery is the same command again (after `berth lock release`
/// for a lock its dead owner left, which the message says); then the five invariants of ``FaultInvariants`` hold.
@Suite(.serialized, .tags(.testbed, .alone), .needsTestbed) struct DeployFaultTests {
    struct Fault: CustomTestStringConvertible, Sendable {
        let step: String
        let point: String
        let killed: Bool
        var testDescription: String { "\(killed ? "SIGKILL of berth" : "SSH connection cut") at \(step)" }
    }

    static let points = [
        ("sync", "run:rsync --recursive"), ("prepare", "run:userns=$2"), ("update", "run:docker compose up"), ("health", "step:health"),
        ("record", "run:record.json"),
    ]
    static let faults = points.flatMap { step, point in [Fault(step: step, point: point, killed: true), Fault(step: step, point: point, killed: false)] }

    @Test(arguments: faults) func theSameCommandAgainRecoversAndTheInvariantsHold(_ fault: Fault) throws {
        let bed = try FaultBed.shared.get()
        try bed.survives(fault.testDescription, bed.nextDeploy(), at: fault.point, inject: fault.killed ? FaultBed.kill : FaultBed.cut)
    }
}
