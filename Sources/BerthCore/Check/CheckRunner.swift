import Foundation
import ServicePlugin

/// Runs the health checks modules declare, on any orchestrator: all at once, each with its own timeout, results in declaration order.
public struct CheckRunner: Sendable {
    public let stack: Stack
    public let runner: any CommandRunner
    public let remote: Remote
    public let options: CheckOptions

    public init(stack: Stack, runner: any CommandRunner, options: CheckOptions = CheckOptions()) {
        self.stack = stack
        self.runner = runner
        self.options = options
        remote = Remote(stack.environment)
    }

    /// The modules to check: the named ones, or all; an unknown name is a usage error listing the known ones.
    public func modules(_ names: [String]) throws -> [StackModule] {
        try stack.selectModules(names)
    }

    public func run(_ names: [String] = [], seen: (any RunningState)? = nil) async throws -> [CheckResult] {
        try await runWithFacts(names, seen: seen).results
    }

    /// The results, and what runs as the second look saw it.
    ///
    /// `seen`: what runs as a caller has just read it (the deploy gate's last look), instead of a first look.
    /// The orchestrator's own results (a Swarm cluster's nodes) come first, then every module's, all run at once.
    public func runWithFacts(_ names: [String] = [], seen: (any RunningState)? = nil) async throws -> (results: [CheckResult], facts: any RunningState) {
        let modules = try modules(names)
        let orchestrator = stack.orchestrator
        let first: any RunningState
        if let seen { first = seen } else { first = try await orchestrator.state(project: stack.context.name, remote: remote, runner: runner) }
        let http = try await HTTPProber.make(
            remote: remote, runner: runner, direct: options.direct && first.reachesContainers, environment: stack.environment, hosts: Self.publicHosts(modules))
        let checks = modules.flatMap { module in module.healthChecks.filter { !options.deployGate || $0.gatesDeploy }.map { (module, $0) } }
        var results = [CheckResult?](repeating: nil, count: checks.count)
        do {
            try await withThrowingTaskGroup(of: (Int, CheckResult).self) { group in
                for (index, (module, check)) in checks.enumerated() {
                    group.addTask { (index, await self.run(check, of: module, facts: first, http: http)) }
                }
                for try await (index, result) in group { results[index] = result }
            }
        } catch {
            try? await http.shutdown()
            throw error
        }
        try? await http.shutdown()
        // A second look: a service that restarted since the first is crash-looping.
        let second = try await orchestrator.state(project: stack.context.name, remote: remote, runner: runner)
        let merged = zip(checks, results).map { pair, result in
            guard var result, case .container(let service) = pair.1.kind, let regression = second.regression(service, since: first) else { return result! }
            result.status = .fail
            result.message = regression
            return result
        }
        return (first.ownResults + merged, second)
    }

    func run(_ check: HealthCheck, of module: StackModule, facts: any RunningState, http: HTTPProber) async -> CheckResult {
        let timeout = check.timeout ?? options.timeout
        return await Self.timed(module: module.id, check: check.name, timeout: timeout) {
            try await self.evaluate(check, of: module, facts: facts, http: http, timeout: timeout)
        }
    }

    /// Runs one check's body under its deadline: a thrown error or the deadline is a failure, with the latency measured.
    static func timed(
        module moduleID: String, check: String, timeout: Double, _ body: @escaping @Sendable () async throws -> (CheckResult.Status, String)
    ) async -> CheckResult {
        let start = Date()
        let outcome: (CheckResult.Status, String)
        do {
            outcome = try await withDeadline(seconds: timeout, body)
        } catch is DeadlineExceeded {
            outcome = (.fail, "no answer within \(seconds(timeout)) s")
        } catch {
            outcome = (.fail, String(describing: error))
        }
        let latency = Int(Date().timeIntervalSince(start) * 1000)
        return CheckResult(module: moduleID, check: check, status: outcome.0, latencyMs: latency, message: outcome.1)
    }

    /// Runs a command check's command (in a container, wherever it is) and holds its exit status to `expectExit`.
    func commandCheck(_ command: ShellCommand, argv: [String], expectExit: Int32, timeout: Double) async throws -> (CheckResult.Status, String) {
        let result = try await runner.run(command, timeout: timeout)
        return result.status == expectExit
            ? (.ok, "`\(argv.joined(separator: " "))` exited \(result.status)")
            : (.fail, "`\(argv.joined(separator: " "))` exited \(result.status), expected \(expectExit)" + Self.firstLine(result.stderr + result.stdout))
    }

    /// Runs a JSON check's command and looks for every expected item in its output.
    func jsonCheck(_ command: ShellCommand, argv: [String], expectation: JSONValuesExpectation, timeout: Double) async throws -> (CheckResult.Status, String) {
        let result = try await runner.run(command, timeout: timeout)
        guard result.status == 0 else {
            return (.fail, "`\(argv.joined(separator: " "))` exited \(result.status)" + Self.firstLine(result.stderr + result.stdout))
        }
        let missing = JSONValue.missing(expectation, in: result.stdout)
        return missing.isEmpty
            ? (.ok, "every \(expectation.key) is loaded (\(expectation.includes.count))")
            : (.fail, "not loaded: \(expectation.key) \(missing.joined(separator: ", "))")
    }

    /// Every public hostname the modules' checks reach through the proxy.
    static func publicHosts(_ modules: [StackModule]) -> [String] {
        let hosts = modules.flatMap(\.healthChecks).flatMap { check -> [String] in
            switch check.kind {
            case .http(let probe): probe.publicHost.map { [$0] } ?? []
            case .tlsExpiry(let host, _, _): [host]
            default: []
            }
        }
        return Array(Set(hosts)).sorted()
    }

    /// The basic-auth credentials a probe names, read from the server's `.env`; never shown.
    func secrets(for probe: HTTPProbe, module: StackModule) async throws -> (String, String)? {
        guard let keys = probe.basicAuth else { return nil }
        let file = "\(remote.root)/\(module.id)/.env"
        // The whole file is read with the one .env parser, so the values are the ones compose passes.
        let result = try await runner.check(remote.script(#"cat "$1""#, [file]), timeout: 15, what: "reading \(keys.userKey) and \(keys.passwordKey) from \(file)")
        let values = EnvFile(path: file, text: result.stdout).values
        guard let user = values[keys.userKey], let password = values[keys.passwordKey], !user.isEmpty, !password.isEmpty else {
            throw BerthError.failed("\(file): \(keys.userKey) or \(keys.passwordKey) is empty")
        }
        return (user, password)
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map { String($0.prefix(200)) } ?? ""
        return line.isEmpty ? "" : ": \(line)"
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
