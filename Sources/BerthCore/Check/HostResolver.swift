import Foundation

/// Where Berth's checks connect for a public hostname: the environment's `resolve:` entry, or DNS.
///
/// DNS is asked first, on its own deadline, so a name that does not resolve is reported as a DNS
/// failure rather than as a request that got no answer.
struct HostResolver: Sendable {
    let environment: EnvironmentConfig

    /// The address and HTTPS port for `host`.
    func address(_ host: String, timeout: Double) async throws -> ResolvedAddress {
        if let fixed = environment.resolved(host) { return fixed }
        let budget = max(1, min(timeout / 2, 5))
        do {
            return ResolvedAddress(ip: try await withDeadline(seconds: budget) { try await Self.lookupOffPool(host) })
        } catch is DeadlineExceeded {
            throw BerthError.failed("DNS: no answer for \(host) within \(CheckRunner.seconds(budget)) s")
        }
    }

    /// ``lookup(_:)`` on a dispatch thread: getaddrinfo blocks, and the cooperative pool has one thread per core.
    static func lookupOffPool(_ host: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try lookup(host) }) }
        }
    }

    /// The first address getaddrinfo gives for `host`, on a thread of its own (the call blocks).
    static func lookup(_ host: String) throws -> String {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        defer { if list != nil { freeaddrinfo(list) } }
        guard status == 0, let first = list, let address = first.pointee.ai_addr else {
            let reason = status == 0 ? "no address" : String(cString: gai_strerror(status))
            throw BerthError.failed("DNS: \(host) does not resolve (\(reason))")
        }
        var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, first.pointee.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 else {
            throw BerthError.failed("DNS: \(host) resolved to an address that cannot be read")
        }
        return String(cString: text)
    }
}
