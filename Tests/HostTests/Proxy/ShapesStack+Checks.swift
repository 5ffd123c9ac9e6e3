@testable import BerthCore
import Foundation
import ServicePlugin

extension ShapesStack {
    /// The proxy module's checks that read what the proxy runs (Caddy's `health` and `routes`, Traefik's `ping`
    /// and `routers` from its API), sent from inside its container and judged as `berth check` judges them.
    ///
    /// `context` is the one the checks are rendered for; by default the one the proxy was started with.
    func ownChecks(for context: RenderContext? = nil) throws -> [String: (status: CheckResult.Status, message: String)] {
        var results: [String: (CheckResult.Status, String)] = [:]
        for check in module.healthChecks(in: context ?? self.context) {
            switch check.kind {
            case .http(let probe) where probe.publicHost == nil:
                // busybox wget prints the status line on stderr with -S, and exits 1 on a status that is not 2xx.
                let run = try exec(probe.service, ["wget", "-S", "-O", "-", "http://127.0.0.1:\(probe.port)\(probe.path)"])
                let statusLine = run.stderr.split(separator: "\n").last { $0.contains("HTTP/1.") } ?? ""
                let status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
                results[check.name] = HTTPProber.evaluate(
                    status: status, body: run.stdout, elapsed: 0, shown: "\(probe.service):\(probe.port)\(probe.path)", probe: probe, slowAfterMs: .max)
            case .commandJSON(let service, let argv, let expectation):
                let run = try exec(service, argv)
                let missing = JSONValue.missing(expectation, in: run.stdout)
                results[check.name] = run.status == 0 && missing.isEmpty ? (.ok, "every \(expectation.key) is loaded") : (.fail, "not loaded: \(missing)")
            case .command(let service, let argv, let expectExit):
                let run = try exec(service, argv)
                results[check.name] = run.status == expectExit ? (.ok, "exited \(run.status)") : (.fail, "exited \(run.status): \(run.output)")
            default:
                continue
            }
        }
        return results
    }

    /// The checks above, again every half second until they all pass or `seconds` have passed (the proxy
    /// loads a container's labels or a file a moment after it starts).
    func ownChecksWhenPassing(within seconds: Double = 20) throws -> [String: (status: CheckResult.Status, message: String)] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let results = try ownChecks()
            if results.values.allSatisfy({ $0.status == .ok }) || Date() > deadline { return results }
            Thread.sleep(forTimeInterval: 0.5)
        }
    }

    func exec(_ service: String, _ argv: [String]) throws -> Run {
        try compose("exec -T \(service) " + argv.map { "'\($0)'" }.joined(separator: " "))
    }
}
