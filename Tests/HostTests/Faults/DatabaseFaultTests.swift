import Foundation
import Testing

/// `berth db upgrade` killed at its steps, on the shared fault bed's shop (PostgreSQL 14 at first): before the copy,
/// before the swap, and after the swap before the new major is pinned. Each time the same command again finishes the
/// upgrade, and every row is still there; the three faults take the shop up 14, 15, 17, 18.
@Suite(.serialized, .tags(.testbed, .alone), .needsTestbed) struct DatabaseFaultTests {
    /// The shop's PostgreSQL major, as the running server says.
    static func major(_ bed: FaultBed) throws -> String {
        try bed.psql("SHOW server_version_num").prefix(2).description
    }

    @Test(arguments: [("copy", 15), ("swap", 17), ("pin", 18)]) func berthKilledDuringADatabaseUpgrade(at step: String, to major: Int) throws {
        let bed = try FaultBed.shared.get()
        let arguments = ["db", "upgrade", "testbed", "shop", "--to", String(major), "--timeout", "90"]
        try bed.survives("SIGKILL of berth at db upgrade's \(step)", arguments, at: "step:\(step)", inject: FaultBed.kill)
        #expect(try Self.major(bed) == String(major))
        #expect(try String(contentsOfFile: bed.project + "/berth.lock", encoding: .utf8).contains("postgres: \"\(major)-alpine\""))
    }
}
