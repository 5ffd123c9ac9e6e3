@testable import BerthCore
import Foundation
import NIOSSL
import ServicePlugin
import Testing

/// Whether a certificate is trusted, and how a check says it is not: against real `openssl s_server`s on loopback.
@Suite(.serialized) struct TLSTrustTests {
    @Test func aSelfSignedCertificateIsTrustedOnlyWithItsRootAndForItsName() async throws {
        let server = try TLSServer(days: 30)
        defer { server.stop() }
        let untrusting = SocketProber(socksPort: nil)
        #expect(try await untrusting.trust(host: "127.0.0.1", port: server.port, serverName: "planka.example.org", timeout: 5) == .untrusted(reason: "its chain does not lead to a trusted root"))
        let trusting = SocketProber(socksPort: nil, caFile: server.directory + "/cert.pem")
        #expect(try await trusting.trust(host: "127.0.0.1", port: server.port, serverName: "planka.example.org", timeout: 5) == .trusted)
        #expect(try await trusting.untrusted(host: "127.0.0.1", port: server.port, serverName: "planka.example.org", timeout: 5) == nil)
        #expect(try await trusting.trust(host: "127.0.0.1", port: server.port, serverName: "other.example.org", timeout: 5) == .untrusted(reason: "it is not valid for that name"))
    }

    @Test func theMessageNamesHostIssuerAndCAFile() async throws {
        let server = try TLSServer(days: 30)
        defer { server.stop() }
        let without = try await SocketProber(socksPort: nil).untrusted(host: "127.0.0.1", port: server.port, serverName: "planka.example.org", timeout: 5)
        #expect(
            without
                == "the certificate of planka.example.org (issued by CN=planka.example.org) is not trusted: its chain does not lead to a trusted root; no ca_file: is set; give it the root that issued it"
        )
        let other = try TLSServer(days: 30)
        defer { other.stop() }
        let wrongRoot = try await SocketProber(socksPort: nil, caFile: other.directory + "/cert.pem")
            .untrusted(host: "127.0.0.1", port: server.port, serverName: "planka.example.org", timeout: 5)
        #expect(wrongRoot?.hasSuffix("its chain does not lead to a trusted root; ca_file: \(other.directory)/cert.pem does not hold the root that issued it") == true, "\(wrongRoot ?? "")")
    }

    @Test func onlyVerificationFailuresAreClassifiedAsSuch() async throws {
        #expect(TLSTrust.verificationFailure(NIOSSLExtraError.failedToValidateHostname) == "it is not valid for that name")
        #expect(TLSTrust.verificationFailure(NIOSSLError.handshakeFailed(.wantRead)) == nil)
        #expect(TLSTrust.verificationFailure(BerthError.failed("cannot connect")) == nil)
        // A closed port is a connection failure, thrown as one, not an untrusted certificate.
        let closed = try LoopbackPort.free()
        await #expect(throws: BerthError.self) { try await SocketProber(socksPort: nil).trust(host: "127.0.0.1", port: closed, serverName: "h", timeout: 2) }
    }

    @Test func readsTheIssuerFromTheDER() async throws {
        let server = try TLSServer(days: 30)
        defer { server.stop() }
        let certificate = try await SocketProber(socksPort: nil).certificate(host: "127.0.0.1", port: server.port, serverName: "planka.example.org", timeout: 5)
        #expect(CertificateIssuer.name(certificate) == "CN=planka.example.org")
        let der = try certificate.toDERBytes()
        // Cut short anywhere, the encoding yields no name rather than a wrong one or a crash.
        for length in stride(from: 0, to: der.count - 1, by: 7) { #expect(CertificateIssuer.name(der: Array(der.prefix(length))) == nil) }
    }

    /// The finding: an HTTPS check through the proxy, whose certificate the client does not trust, said "no answer
    /// within 5 s"; it fails at once, saying why.
    @Test func anHTTPSCheckReportsAnUntrustedCertificateNotATimeout() async throws {
        let server = try TLSServer(days: 30)
        defer { server.stop() }
        var environment = EnvironmentConfig(name: "local", target: .file(path: Fixtures.temporaryDirectory("trust")))
        environment.resolve = ["planka.example.org": ResolvedAddress(ip: "127.0.0.1", port: server.port)]
        let prober = try await HTTPProber.make(
            remote: Remote(environment), runner: ProcessRunner(), direct: false, environment: environment, hosts: ["planka.example.org"])
        let probe = HTTPProbe(service: "planka", port: 1337, path: "/", publicHost: "planka.example.org")
        let start = Date()
        let result = await CheckRunner.timed(module: "planka", check: "home", timeout: 5) {
            try await prober.probe(probe, facts: StackFacts(inspect: "[]"), secrets: nil, slowAfterMs: 2000)
        }
        try await prober.shutdown()
        #expect(result.status == .fail)
        #expect(result.message.hasPrefix("the certificate of planka.example.org (issued by CN=planka.example.org) is not trusted"), "\(result.message)")
        #expect(Date().timeIntervalSince(start) < 4)
    }
}
