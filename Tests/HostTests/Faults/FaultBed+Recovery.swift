import Foundation
import Testing

extension FaultBed {
    /// How a test injects its fault once Berth stands at the point; it lets Berth go on, or kills it.
    typealias Injection = (PausedBerth) throws -> Void

    /// SIGKILL of Berth, as a dead laptop or an OOM killer would: no clean-up of Berth's runs.
    static func kill(_ paused: PausedBerth) { paused.kill() }

    /// Every SSH connection Berth holds cut (the shared master and the sessions through it), then Berth goes on.
    static func cut(_ paused: PausedBerth) throws {
        _ = try Run.shell("pkill -KILL -f '/tmp/berth-ssh-' || true")
        _ = paused.resume()
    }

    /// A fault and its recovery, with the five invariants checked after it: `arguments` run until `point`, `inject`
    /// does the fault there, then the same command again (or `recovery`) recovers. `web` is probed through the proxy
    /// throughout, and the seconds it answered nothing are printed. `input` is each run's standard input. `expect` adjusts the data that must hold, for a
    /// command that changes it (a backup writes a new dump). Returns what the paused run and the recovery printed.
    @discardableResult
    func survives(
        _ fault: String, _ arguments: [String], at point: String, recovery: [String]? = nil, input: String? = nil,
        expect: (inout FaultInvariants.Data) throws -> Void = { _ in }, inject: Injection
    ) throws -> [String] {
        var before = try FaultInvariants.Data.read(self)
        let load = try LoadClient(
            url: "https://web.example.org/health", resolve: "web.example.org:\(proxy.httpsPort):127.0.0.1", caFile: proxy.rootCertificate, seconds: 300, threads: 1)
        let paused = try PausedBerth(arguments, in: project, at: point, input: input)
        #expect(paused.reached(), "\(fault): \(point) was never reached: \(paused.output)")
        try inject(paused)
        if paused.process.isRunning { _ = paused.resume() }
        let recovered = try again(recovery ?? arguments, after: fault, input: input)
        let served = try load.stop()
        let silent = (served["per_second"] as? [Int] ?? []).filter { $0 == 0 }.count
        print("\(fault): web answered nothing for \(silent) s of \(served["seconds"] ?? "?")")
        try expect(&before)
        let outputs = [paused.output] + recovered.outputs
        try FaultInvariants.check(self, fault: fault, before: before, outputs: outputs)
        return outputs
    }

    /// The recovery: `arguments` again. A lock its dead owner left is named as such (stale, or not yet while a command
    /// it started still runs), `berth lock release` waits for those commands and lets it go, and the command runs once
    /// more. Returns the last run, and everything each run printed.
    func again(_ arguments: [String], after fault: String, input: String? = nil) throws -> (run: Run, outputs: [String]) {
        var run = try Run.berth(arguments, in: project, input: input)
        var outputs = [run.output]
        if run.status != 0 && run.output.contains("berth lock release") {
            #expect(
                run.output.contains("that process is gone from this machine, so the lock is stale")
                    || run.output.contains("that process is gone from this machine, but commands it started still run"), "\(fault): \(run.output)")
            let released = try berth(["lock", "release", "testbed"])
            outputs.append(released.output)
            #expect(released.status == 0, "\(fault): \(released.output)")
            run = try Run.berth(arguments, in: project, input: input)
            outputs.append(run.output)
        }
        #expect(run.status == 0, "\(fault): the same command again failed: \(run.output)")
        return (run, outputs)
    }
}
