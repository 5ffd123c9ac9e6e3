import NIOSSL

/// Whether a server's certificate chain verifies against the roots Berth's checks trust: the system's and `ca_file:`.
enum TLSTrust: Sendable, Equatable {
    case trusted
    /// The chain does not verify, for `reason`.
    case untrusted(reason: String)

    /// The reason a handshake failed on verification; nil when `error` is about something else (a refused connection).
    static func verificationFailure(_ error: any Error) -> String? {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname { return "it is not valid for that name" }
        if case .handshakeFailed(let inner)? = error as? NIOSSLError, "\(inner)".contains("CERTIFICATE_VERIFY_FAILED") {
            return "its chain does not lead to a trusted root"
        }
        return nil
    }

    /// What a failing check says of an untrusted certificate: the host, its issuer, why, and what `ca_file:` should hold.
    static func message(host: String, issuer: String?, reason: String, caFile: String?) -> String {
        let issued = issuer.map { " (issued by \($0))" } ?? ""
        let hint = caFile.map { "ca_file: \($0) does not hold the root that issued it" } ?? "no ca_file: is set; give it the root that issued it"
        return "the certificate of \(host)\(issued) is not trusted: \(reason); \(hint)"
    }
}

/// A TLS handshake that failed on verification, kept apart from other failures so that a check can name it.
struct UntrustedCertificate: Error, Equatable {
    let reason: String
}

/// Each host's verdict, asked once per run of checks however many checks reach it.
actor TrustVerdicts {
    private var verdicts: [String: Task<String?, any Error>] = [:]

    /// The memoised result of `decide` for `key`: why the certificate is not trusted, or nil.
    func problem(_ key: String, _ decide: @escaping @Sendable () async throws -> String?) async throws -> String? {
        if let task = verdicts[key] { return try await task.value }
        let task = Task { try await decide() }
        verdicts[key] = task
        return try await task.value
    }
}
