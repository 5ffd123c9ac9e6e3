import Foundation
import Testing

/// A fault on the server's side of `berth deploy`, on the shared fault bed: `dockerd` restarted inside `compose up`,
/// a reboot right after it, the deploy folder's disk full during sync and during record, the registry stopped as
/// the pull starts, the new container killed by the kernel's OOM killer during the health gate. Each deploy either
/// fails and rolls back, or succeeds; then the fault is mended (the disk freed, the registry started) and the same
/// command again recovers, with the five invariants of ``FaultInvariants`` holding.
@Suite(.serialized, .tags(.testbed, .alone), .needsTestbed) struct ServerFaultTests {
    @Test func dockerdRestartedDuringUpdate() throws {
        let bed = try FaultBed.shared.get()
        try bed.survives("dockerd restarted during update", bed.nextDeploy(), at: "run:docker compose up") { (paused: PausedBerth) throws in
            try FaultBed.restartDockerd()
            _ = paused.resume()
        }
    }

    @Test func everyContainerKilledAndDockerdRestartedRightAfterUpdate() throws {
        let bed = try FaultBed.shared.get()
        try bed.survives("a reboot right after update", bed.nextDeploy(), at: "step:health") { (paused: PausedBerth) throws in
            try bed.reboot()
            _ = paused.resume()
        }
    }

    @Test(arguments: ["sync", "record"]) func theDeployFoldersDiskFull(at step: String) throws {
        let bed = try FaultBed.shared.get()
        // The filler goes in Berth's own folder, which the sync leaves alone: one at the top would be deleted by it.
        let filled = bed.services + "/.berth"
        defer { try? FaultBed.free(filled) }
        try bed.survives("the target's disk full during \(step)", bed.nextDeploy(), at: "step:\(step)") { (paused: PausedBerth) throws in
            try FaultBed.fill(filled)
            let failed = paused.resume()
            #expect(failed.status != 0, "a deploy onto a full disk reported success: \(failed.output)")
            #expect(failed.output.contains("No space left on device"), "\(failed.output)")
            try FaultBed.free(filled)
        }
    }

    @Test func theRegistryStoppedAsThePullStarts() throws {
        let bed = try FaultBed.shared.get()
        defer { try? FaultBed.startRegistry() }
        try bed.survives("the registry stopped during the pull", bed.nextDeploy(), at: "step:update") { (paused: PausedBerth) throws in
            try FaultBed.stopRegistry()
            let failed = paused.resume()
            #expect(failed.status != 0 && failed.output.contains("rolled back"), "\(failed.output)")
            try FaultBed.startRegistry()
        }
    }

    /// The kernel kills the new container's app for memory as the gate starts. Its restart policy starts it again: the
    /// gate passes once it answers, or fails and rolls back; either way the same deploy again leaves the invariants.
    @Test func theNewContainerOOMKilledDuringTheHealthGate() throws {
        let bed = try FaultBed.shared.get()
        let old = try bed.container("web")
        try bed.survives("the new container OOM-killed during the health gate", bed.nextDeploy(), at: "step:health") { (paused: PausedBerth) throws in
            let new = try bed.container("web")
            #expect(new != old, "no new web container to kill")
            try bed.outOfMemory(new)
            #expect(
                try Run.shell("docker inspect -f '{{.RestartCount}} {{.State.OOMKilled}}' \(new)").stdout.hasPrefix("1 ") || (try bed.wasOOMKilled(new)),
                "the kernel did not kill web's app for memory")
            let outcome = paused.resume()
            print("OOM during the gate: berth exited \(outcome.status)")
        }
    }
}
