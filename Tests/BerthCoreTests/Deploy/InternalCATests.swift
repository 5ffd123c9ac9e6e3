@testable import BerthCore
import Foundation
import ServicePlugin
import Testing
import X509

/// The CA Berth keeps for Traefik's `internal` certificates: made once, a certificate from it for exactly the routed hosts.
@Suite struct InternalCATests {
    let hosts = ["tangram-orchestre.fr", "www.tangram-orchestre.fr"]

    @Test func anEmptyFolderGetsACAAndACertificateItSigned() throws {
        #expect(InternalCA(files: [:]).needsIssuing(for: hosts))
        let files = try InternalCA(files: [:]).issuing(for: hosts)
        #expect(Set(files.keys) == Set(InternalCertificateCommands.names))
        let ca = InternalCA(files: files)
        let root = try #require(ca.certificate(InternalCertificate.rootFile))
        let served = try #require(ca.certificate(InternalCertificate.certificateFile))
        #expect(served.issuer == root.subject && root.issuer == root.subject)
        #expect(try root.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        let names = try served.extensions.subjectAlternativeNames.map { Array($0) } ?? []
        #expect(names == hosts.map { .dnsName($0) })
        // The certificate's signature is the CA's.
        #expect(root.publicKey.isValidSignature(served.signature, for: served))
        #expect(!ca.needsIssuing(for: hosts))
    }

    @Test func anotherHostOrANearEndIssuesAgainFromTheSameCA() throws {
        let files = try InternalCA(files: [:]).issuing(for: hosts)
        let ca = InternalCA(files: files)
        #expect(ca.needsIssuing(for: hosts + ["planka.tangram-orchestre.fr"]))
        #expect(ca.needsIssuing(for: hosts, now: Date().addingTimeInterval(InternalCA.lifetime - InternalCA.renewBefore + 86_400)))
        let again = try ca.issuing(for: hosts + ["planka.tangram-orchestre.fr"])
        #expect(again[InternalCertificate.rootFile] == files[InternalCertificate.rootFile])
        #expect(again[InternalCertificate.rootKeyFile] == files[InternalCertificate.rootKeyFile])
        #expect(again[InternalCertificate.certificateFile] != files[InternalCertificate.certificateFile])
        #expect(!InternalCA(files: again).needsIssuing(for: hosts + ["planka.tangram-orchestre.fr"]))
        // A missing key is a folder to issue again, never one to trust half of.
        var lost = files
        lost[InternalCertificate.keyFile] = nil
        #expect(InternalCA(files: lost).needsIssuing(for: hosts))
    }

    @Test func whatTheTargetPrintsIsReadBackFileByFile() throws {
        let files = try InternalCA(files: [:]).issuing(for: hosts)
        let printed = InternalCertificateCommands.names.map { "==> \($0)\n\(files[$0]!)" }.joined()
        #expect(InternalCertificateCommands.parse(printed) == files)
        #expect(InternalCertificateCommands.parse("").isEmpty)
    }

    @Test func traefikServesItOnlyUnderInternal() throws {
        let config = AppsFixture.config().replacingOccurrences(of: "  caddy: {}", with: "  traefik: {}")
        let acme = try Fixtures.stack(config)
        #expect(try #require(acme.module("traefik")).fragment.files.allSatisfy { $0.path != "dynamic-conf/internal-tls.yaml" })
        let issued = try Fixtures.stack(config.replacingOccurrences(of: "/opt/services\" }", with: "/opt/services\", certificates: internal }"))
        let traefik = try #require(issued.module("traefik"))
        let file = try #require(traefik.fragment.files.first { $0.path == "dynamic-conf/internal-tls.yaml" })
        #expect(file.contents.contains("defaultCertificate:\n        certFile: /etc/traefik/internal/cert.pem\n        keyFile: /etc/traefik/internal/key.pem"), "\(file.contents)")
        #expect(traefik.fragment.services[0].volumes.contains { $0.target == "/etc/traefik/internal" && $0.readOnly })
    }
}
