import Foundation
import NIOSSL

extension SocketProber {
    /// Whether the chain `host:port` presents for `serverName` verifies, name included, against the system's roots and `ca_file:`.
    func trust(host: String, port: Int, serverName: String, timeout: Double) async throws -> TLSTrust {
        guard let verifying else {
            throw BerthError.failed(caFile.map { "ca_file: \($0) cannot be read as PEM certificates" } ?? "cannot set up TLS")
        }
        do {
            let (channel, _) = try await connected(host: host, port: port, serverName: serverName, timeout: timeout, context: verifying)
            channel.close(promise: nil)
            return .trusted
        } catch let untrusted as UntrustedCertificate {
            return .untrusted(reason: untrusted.reason)
        }
    }

    /// Why the certificate of `serverName` at `host:port` is not trusted, naming its issuer and `ca_file:`; nil when it is.
    func untrusted(host: String, port: Int, serverName: String, timeout: Double) async throws -> String? {
        guard case .untrusted(let reason) = try await trust(host: host, port: port, serverName: serverName, timeout: timeout) else { return nil }
        let certificate = try? await certificate(host: host, port: port, serverName: serverName, timeout: timeout)
        return TLSTrust.message(host: serverName, issuer: certificate.flatMap(CertificateIssuer.name), reason: reason, caFile: caFile)
    }
}
