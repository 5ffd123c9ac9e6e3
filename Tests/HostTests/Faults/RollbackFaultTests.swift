import Foundation
import Testing

/// `berth rollback` killed, or its SSH connection cut, while `compose up` starts the release it returns to: the same
/// command again (naming the release, so that it cannot reach further back) finishes it, and the invariants hold.
@Suite(.serialized, .tags(.testbed, .alone), .needsTestbed) struct RollbackFaultTests {
    /// The good release before the live one.
    static func previous(_ bed: FaultBed) throws -> String {
        let run = try bed.berth(["releases", "--env", "testbed", "--json"])
        let history = (try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]) ?? [:]
        let current = history["current"] as? String
        let good = ((history["releases"] as? [[String: Any]]) ?? []).filter { $0["failure"] == nil }.compactMap { $0["id"] as? String }
        guard let index = good.firstIndex(where: { $0 == current }), index > 0 else { throw FaultBedError("no release before \(current ?? "none"): \(run.output)") }
        return good[index - 1]
    }

    @Test(arguments: [true, false]) func theSameRollbackAgainFinishesIt(_ killed: Bool) throws {
        let bed = try FaultBed.shared.get()
        // A release to return to: one more deploy (of the tag web does not run), so that the live one has a good one before it.
        #expect(try bed.berth(bed.nextDeploy()).status == 0)
        let arguments = ["rollback", "testbed", try Self.previous(bed), "--timeout", "90"]
        try bed.survives("\(killed ? "SIGKILL of berth" : "SSH connection cut") during rollback", arguments, at: "run:docker compose up", inject: killed ? FaultBed.kill : FaultBed.cut)
    }
}
