import Foundation
import ServicePlugin

extension CheckRunner {
    /// One check's outcome, judged against what runs (`facts`) wherever the orchestrator runs it.
    func evaluate(_ check: HealthCheck, of module: StackModule, facts: any RunningState, http: HTTPProber, timeout: Double) async throws -> (CheckResult.Status, String) {
        switch check.kind {
        case .container(let service):
            let readiness = facts.readiness(service)
            // Started by hand or changed since: it runs, but exposed more than the module says it may be.
            guard readiness.status != .fail, let declared = module.fragment.services.first(where: { $0.name == service })?.hardening else { return readiness }
            let missing = facts.shortfalls(service, declared: declared)
            return missing.isEmpty ? readiness : (.fail, "\(readiness.detail), but less hardened than its module declares: no \(missing.joined(separator: ", no "))")
        case .command(let service, let argv, let expectExit):
            return try await commandCheck(try facts.exec(service, argv, on: remote), argv: argv, expectExit: expectExit, timeout: timeout)
        case .commandJSON(let service, let argv, let expectation):
            return try await jsonCheck(try facts.exec(service, argv, on: remote), argv: argv, expectation: expectation, timeout: timeout)
        case .http(let probe) where !facts.reachesContainers && (http.direct || probe.publicHost == nil):
            // A task's overlay address is reachable only inside the cluster; its own healthcheck is what the orchestrator gates on.
            let (status, detail) = facts.readiness(probe.service)
            return (status, "\(detail) (not probed directly on Swarm)")
        case .http(let probe):
            return try await http.probe(probe, facts: facts, secrets: secrets(for: probe, module: module), slowAfterMs: probe.maxLatencyMs ?? options.slowAfterMs)
        case .tcp(let service, _) where !facts.reachesContainers:
            return facts.readiness(service)
        case .tcp(let service, let port):
            guard let address = facts.address(service) else { return (.fail, "\(service) has no address (not running?)") }
            try await http.sockets.connect(host: address, port: port, timeout: timeout)
            return (.ok, "\(service):\(port) accepts connections")
        case .tlsExpiry(let host, let service, let port):
            var target: (String, Int)
            // A rootless engine's containers live in its user's network namespace: an address of theirs dialled from here
            // leaves by the default route and reaches someone else's server, so the certificate is read on the public route.
            if options.direct && facts.reachesContainers && facts.userNamespace == nil {
                guard let address = facts.address(service) else { return (.fail, "\(service) has no address (not running?)") }
                target = (address, port)
            } else {
                let address = try await http.resolver?.address(host, timeout: timeout) ?? ResolvedAddress(ip: host)
                target = (address.ip, address.port)
            }
            let certificate = try await http.sockets.certificate(host: target.0, port: target.1, serverName: host, timeout: timeout)
            let notAfter = Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
            let expiry = Self.expiryStatus(notAfter, host: host, source: stack.context.certificates)
            // ACME's certificates must verify, as any client's would; an internal CA's can only with its root in ca_file:.
            guard expiry.0 != .fail, stack.context.certificates == .acme || stack.environment.caFile != nil else { return expiry }
            if let problem = try await http.sockets.untrusted(host: target.0, port: target.1, serverName: host, timeout: timeout) { return (.fail, problem) }
            return expiry
        case .backupFreshness(let hours):
            let catalog = try await BackupCatalog.read(BackupRunner(stack: stack, runner: runner))
            let expected = stack.modules.flatMap { module in module.backup.dumps.map { "\(module.id)/\(DumpScript.fileName($0))" } }
            return catalog.freshness(expectedDumps: expected, maxAgeHours: hours)
        }
    }

    /// Ok from 14 days left, a warning under 14 days, a failure under 3 days or once expired.
    ///
    /// An internal CA's certificates live hours (Caddy's: 12 h) and the proxy renews them itself, so
    /// there only an expired one fails, and one with less than an hour left warns.
    static func expiryStatus(_ notAfter: Date, host: String, source: CertificateSource = .acme, now: Date = Date()) -> (CheckResult.Status, String) {
        let days = notAfter.timeIntervalSince(now) / 86400
        let date = ISO8601DateFormatter.string(from: notAfter, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        if days < 0 { return (.fail, "the certificate of \(host) expired on \(date)") }
        if source == .internal {
            let hours = Int(days * 24)
            let left = "the certificate of \(host) expires in \(hours) h (internal CA, renewed by the proxy)"
            return days < 1.0 / 24 ? (.warn, left) : (.ok, left)
        }
        let left = "the certificate of \(host) expires in \(Int(days)) days (\(date))"
        return days < 3 ? (.fail, left) : days < 14 ? (.warn, left) : (.ok, left)
    }
}
