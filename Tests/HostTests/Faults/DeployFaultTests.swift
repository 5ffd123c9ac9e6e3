import Foundation
import Testing

/// A fault at each step of `berth deploy`, over SSH, on the shared fault bed: Berth killed (SIGKILL, as a dead laptop)
/// or its SSH connection cut, at a known point. The recovery is the same command again (after `berth lock release`
/// for a lock its dead owner left, which the message says); then the five invariants of ``FaultInvariants`` hold.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct DeployFaultTests {
    struct Fault: CustomTestStringConvertible, Sendable {
        enum Injection: String, Sendable {
            case kill = "SIGKILL of berth"
            case cut = "SSH connection cut"
        }
        let step: String
        let point: String
        let injection: Injection
        var testDescription: String { "\(injection.rawValue) at \(step)" }
    }

    static let points = [
        ("sync", "run:rsync --recursive"), ("prepare", "run:userns=$2"), ("update", "run:docker compose up"), ("health", "step:health"),
        ("record", "run:record.json"),
    ]
    static let faults = points.flatMap { step, point in [Fault(step: step, point: point, injection: .kill), Fault(step: step, point: point, injection: .cut)] }

    /// Every SSH connection Berth holds: its shared master and the sessions through it.
    static func cutSSH() throws {
        _ = try Run.shell("pkill -KILL -f 'ControlPath=/tmp/berth-ssh-' || true")
    }

    @Test(arguments: faults) func theSameCommandAgainRecoversAndTheInvariantsHold(_ fault: Fault) throws {
        let bed = try FaultBed.shared.get()
        let before = try FaultInvariants.Data.read(bed)
        let load = try LoadClient(
            url: "https://web.example.org/health", resolve: "web.example.org:\(bed.proxy.httpsPort):127.0.0.1", caFile: bed.proxy.rootCertificate,
            seconds: 240, threads: 2)
        let arguments = bed.nextDeploy()
        let paused = try PausedBerth(arguments, in: bed.project, at: fault.point)
        #expect(paused.reached(), "\(fault.testDescription): the point was never reached: \(paused.output)")
        switch fault.injection {
        case .kill:
            paused.kill()
        case .cut:
            try Self.cutSSH()
            _ = paused.resume()
        }
        var outputs = [paused.output]
        // The recovery: the same command again; a lock its dead owner left is named as stale, and released first.
        var again = try bed.berth(arguments)
        outputs.append(again.output)
        if again.status != 0 && again.output.contains("berth lock release") {
            #expect(again.output.contains("that process is gone from this machine, so the lock is stale"), "\(fault.testDescription): \(again.output)")
            let released = try bed.berth(["lock", "release", "testbed"])
            #expect(released.status == 0, "\(released.output)")
            again = try bed.berth(arguments)
            outputs.append(again.output)
        }
        #expect(again.status == 0, "\(fault.testDescription): the same command again failed: \(again.output)")
        let served = try load.stop()
        let silent = (served["per_second"] as? [Int] ?? []).filter { $0 == 0 }.count
        print("\(fault.testDescription): web answered nothing for \(silent) s of \(served["seconds"] ?? "?")")
        try FaultInvariants.check(bed, fault: fault.testDescription, before: before, outputs: outputs)
    }
}
