import Foundation
import NIOCore
import NIOPosix
import NIOSOCKS
import NIOSSL
import NIOTLS

/// TCP and TLS connections for checks, through the SOCKS forward of the shared SSH connection when there is one.
struct SocketProber: Sendable {
    /// The local SOCKS port of the forward, for `--direct` over SSH.
    let socksPort: Int?
    /// One context for every TLS check, without trust roots: loading the system's on each
    /// handshake blocked the event loops that the HTTP checks share.
    let tls: NIOSSLContext?
    /// One context that verifies chains and names against the system's roots and `ca_file:`; nil if the file cannot be read.
    let verifying: NIOSSLContext?
    /// The environment's `ca_file:`, which messages about untrusted certificates name.
    let caFile: String?

    init(socksPort: Int?, caFile: String? = nil) {
        self.socksPort = socksPort
        self.caFile = caFile
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        configuration.trustRoots = .certificates([])
        tls = try? NIOSSLContext(configuration: configuration)
        var verifying = TLSConfiguration.makeClientConfiguration()
        verifying.additionalTrustRoots = caFile.map { [.file($0)] } ?? []
        self.verifying = try? NIOSSLContext(configuration: verifying)
    }

    /// Connects to `host:port` and closes the connection again.
    func connect(host: String, port: Int, timeout: Double) async throws {
        let (channel, _) = try await connected(host: host, port: port, serverName: nil, timeout: timeout)
        try? await channel.close()
    }

    /// The certificate a TLS server presents for `serverName`.
    ///
    /// The chain is not verified: the check is about expiry, and an untrusted certificate still expires.
    func certificate(host: String, port: Int, serverName: String, timeout: Double) async throws -> NIOSSLCertificate {
        let (channel, peer) = try await connected(host: host, port: port, serverName: serverName, timeout: timeout)
        channel.close(promise: nil)
        guard let certificate = peer else {
            throw BerthError.failed("\(serverName) presented no certificate")
        }
        return certificate
    }

    /// A channel that is connected, past the SOCKS handshake and the TLS handshake where they apply,
    /// with the certificate the server presented (taken at the handshake, before the server may hang up).
    ///
    /// `context` verifies what the server presents; a failure to verify throws ``UntrustedCertificate``.
    func connected(host: String, port: Int, serverName: String?, timeout: Double, context: NIOSSLContext? = nil) async throws -> (any Channel, NIOSSLCertificate?) {
        let group = MultiThreadedEventLoopGroup.singleton
        let ready = group.next().makePromise(of: NIOSSLCertificate?.self)
        let socks = socksPort
        let tls = context ?? tls
        guard serverName == nil || tls != nil else { throw BerthError.failed("cannot set up TLS") }
        let target: SOCKSAddress = (try? SocketAddress(ipAddress: host, port: port)).map(SOCKSAddress.address) ?? .domain(host, port: port)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.milliseconds(Int64(timeout * 1000)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    var handlers: [any ChannelHandler] = []
                    if socks != nil { handlers.append(SOCKSClientHandler(targetAddress: target)) }
                    if let serverName, let tls {
                        handlers.append(try NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    handlers.append(ReadyHandler(ready: ready, awaitsSOCKS: socks != nil, awaitsTLS: serverName != nil))
                    try channel.pipeline.syncOperations.addHandlers(handlers)
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: socks == nil ? host : "127.0.0.1", port: socks ?? port).get()
        } catch {
            ready.fail(error)
            throw BerthError.failed("cannot connect to \(host):\(port): \(Self.describe(error))")
        }
        // Bounded, so a server that accepts and then says nothing cannot hold the check.
        let timer = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) {
            ready.fail(BerthError.failed("no handshake with \(host):\(port) within \(CheckRunner.seconds(timeout)) s"))
        }
        do {
            let certificate = try await ready.futureResult.get()
            timer.cancel()
            return (channel, certificate)
        } catch {
            timer.cancel()
            try? await channel.close()
            if let reason = TLSTrust.verificationFailure(error) { throw UntrustedCertificate(reason: reason) }
            throw error is BerthError ? error : BerthError.failed("\(serverName.map { "TLS handshake for \($0)" } ?? "connection") with \(host):\(port) failed: \(Self.describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? IOError { return error.description }
        // BoringSSL's reason, without the error stack around it: a proxy ends the handshake with an
        // internal-error alert for a name it has no certificate for (yet: ACME may still be trying).
        if let error = error as? NIOSSLError, let range = "\(error)".range(of: #"OPENSSL_internal:[A-Z0-9_]+"#, options: .regularExpression) {
            let reason = "\(error)"[range].dropFirst("OPENSSL_internal:".count)
            return reason == "TLSV1_ALERT_INTERNAL_ERROR" ? "\(reason) (the server has no certificate for that name)" : String(reason)
        }
        if let error = error as? NIOSSLError { return "\(error)" }
        return String(describing: error)
    }
}

/// Completes `ready` once the proxy and TLS handshakes the pipeline needs are done, or fails it.
private final class ReadyHandler: ChannelInboundHandler {
    typealias InboundIn = NIOAny

    let ready: EventLoopPromise<NIOSSLCertificate?>
    var awaitsSOCKS: Bool
    var awaitsTLS: Bool
    var certificate: NIOSSLCertificate?

    init(ready: EventLoopPromise<NIOSSLCertificate?>, awaitsSOCKS: Bool, awaitsTLS: Bool) {
        self.ready = ready
        self.awaitsSOCKS = awaitsSOCKS
        self.awaitsTLS = awaitsTLS
    }

    func channelActive(context: ChannelHandlerContext) {
        if !awaitsSOCKS && !awaitsTLS { ready.succeed(nil) }
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is SOCKSProxyEstablishedEvent { awaitsSOCKS = false }
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            awaitsTLS = false
            certificate = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).peerCertificate
        }
        if !awaitsSOCKS && !awaitsTLS { ready.succeed(certificate) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        ready.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        ready.fail(BerthError.failed("the server closed the connection"))
        context.fireChannelInactive()
    }
}
