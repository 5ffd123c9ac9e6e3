@testable import BerthCore
import Foundation
import Testing

/// Real TLS servers on loopback: `openssl s_server` with certificates made for each test.
@Suite(.serialized) struct SocketProberTests {
    let prober = SocketProber(socksPort: nil)

    @Test func readsTheCertificateAndClassifiesItsExpiry() async throws {
        for (days, status) in [(2, CheckResult.Status.fail), (10, .warn), (90, .ok)] {
            let server = try TLSServer(days: days)
            defer { server.stop() }
            let certificate = try await prober.certificate(host: "127.0.0.1", port: server.port, serverName: "planka.example.org", timeout: 5)
            let notAfter = Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
            #expect(abs(notAfter.timeIntervalSinceNow - Double(days) * 86400) < 3600)
            let (found, message) = CheckRunner.expiryStatus(notAfter, host: "planka.example.org")
            #expect(found == status, "\(days) days: \(message)")
            #expect(message.hasPrefix("the certificate of planka.example.org expires in \(days - 1) days"))
        }
    }

    @Test func expiryBoundaries() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let status = { (days: Double) in CheckRunner.expiryStatus(now.addingTimeInterval(days * 86400), host: "h", now: now).0 }
        #expect(status(14) == .ok)
        #expect(status(13.9) == .warn)
        #expect(status(3) == .warn)
        #expect(status(2.9) == .fail)
        #expect(CheckRunner.expiryStatus(now.addingTimeInterval(-86400), host: "h", now: now) == (.fail, "the certificate of h expired on 2027-01-14"))
        // An internal CA's 12-hour certificates are fine until they are about to lapse; expired still fails.
        let internalStatus = { (hours: Double) in CheckRunner.expiryStatus(now.addingTimeInterval(hours * 3600), host: "h", source: .internal, now: now) }
        #expect(internalStatus(12) == (.ok, "the certificate of h expires in 12 h (internal CA, renewed by the proxy)"))
        #expect(internalStatus(0.5).0 == .warn)
        #expect(internalStatus(-1).0 == .fail)
    }

    @Test func tcpConnectsToAListenerAndNamesARefusal() async throws {
        let server = try TLSServer(days: 30)
        defer { server.stop() }
        try await prober.connect(host: "127.0.0.1", port: server.port, timeout: 5)
        let closed = try LoopbackPort.free()
        await #expect(throws: BerthError.self) { try await prober.connect(host: "127.0.0.1", port: closed, timeout: 5) }
        do {
            try await prober.connect(host: "127.0.0.1", port: closed, timeout: 5)
        } catch {
            #expect("\(error)".hasPrefix("cannot connect to 127.0.0.1:\(closed): "))
        }
    }

    @Test func aSilentServerIsGivenUpOnAtTheTimeout() async throws {
        // A socket that listens but never accepts: the kernel completes the TCP handshake, nobody speaks TLS.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        #expect(listening)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let start = Date()
        await #expect(throws: BerthError.failed("no handshake with 127.0.0.1:\(port) within 1 s")) {
            _ = try await prober.certificate(host: "127.0.0.1", port: port, serverName: "h", timeout: 1)
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }
}

/// `openssl s_server` on a free loopback port with a fresh self-signed certificate valid for `days`.
struct TLSServer {
    let process = Process()
    let port: Int
    let directory: String

    init(days: Int) throws {
        directory = Fixtures.temporaryDirectory("tls\(days)")
        let request = Process()
        request.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        request.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", String(days),
            "-subj", "/CN=planka.example.org", "-keyout", "\(directory)/key.pem", "-out", "\(directory)/cert.pem",
        ]
        request.standardError = FileHandle.nullDevice
        try request.run()
        request.waitUntilExit()
        guard request.terminationStatus == 0 else { throw BerthError.failed("openssl req failed") }
        port = try LoopbackPort.free()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", "\(directory)/cert.pem", "-key", "\(directory)/key.pem", "-quiet"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Ready once it accepts: bounded to 10 s.
        for _ in 0..<100 {
            if Self.accepts(port) { return }
            usleep(100_000)
        }
        stop()
        throw BerthError.failed("openssl s_server did not listen on \(port)")
    }

    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    func stop() {
        // SIGKILL: children of the test runner inherit its blocked signals, so SIGTERM would wait forever.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
