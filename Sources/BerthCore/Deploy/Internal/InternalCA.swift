import Crypto
import Foundation
import ServicePlugin
import SwiftASN1
import X509

/// Berth's own CA for a proxy without one (``InternalCertificate``): made once, then a certificate from it for the routed hosts.
///
/// Everything is PEM text, kept on the target beside the proxy's data and never printed.
public struct InternalCA: Sendable {
    /// The PEM files of the folder, by name (``InternalCertificate/rootFile`` and the others); missing ones are absent.
    public var files: [String: String]

    public init(files: [String: String]) { self.files = files }

    /// How long a certificate lasts, and how long before its end a deploy issues the next one.
    static let lifetime: TimeInterval = 365 * 86_400
    static let renewBefore: TimeInterval = 60 * 86_400

    /// Whether the folder lacks a CA, or a certificate from it for exactly `hosts` that is not near its end.
    func needsIssuing(for hosts: [String], now: Date = Date()) -> Bool {
        guard let root = certificate(InternalCertificate.rootFile), files[InternalCertificate.rootKeyFile] != nil,
            let served = certificate(InternalCertificate.certificateFile), files[InternalCertificate.keyFile] != nil
        else { return true }
        let names = (try? served.extensions.subjectAlternativeNames)??.compactMap { name -> String? in
            if case .dnsName(let host) = name { return host }
            return nil
        }
        return served.issuer != root.subject || Set(names ?? []) != Set(hosts) || served.notValidAfter.timeIntervalSince(now) < Self.renewBefore
    }

    /// The folder's files after issuing a certificate for `hosts`: the CA kept when there is one, made otherwise.
    public func issuing(for hosts: [String], now: Date = Date()) throws -> [String: String] {
        var out = files
        let rootKey: P256.Signing.PrivateKey
        let root: Certificate
        if let existing = certificate(InternalCertificate.rootFile), let pem = files[InternalCertificate.rootKeyFile],
            let key = try? P256.Signing.PrivateKey(pemRepresentation: pem)
        {
            (root, rootKey) = (existing, key)
        } else {
            rootKey = P256.Signing.PrivateKey()
            let name = try DistinguishedName {
                OrganizationName("Berth")
                CommonName("Berth internal CA \(Self.stamp(now))")
            }
            root = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(rootKey.publicKey),
                notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(10 * Self.lifetime), issuer: name, subject: name,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                }, issuerPrivateKey: .init(rootKey))
            out[InternalCertificate.rootFile] = try root.serializeAsPEM().pemString + "\n"
            out[InternalCertificate.rootKeyFile] = rootKey.pemRepresentation + "\n"
        }
        let key = P256.Signing.PrivateKey()
        let served = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(Self.lifetime), issuer: root.subject,
            subject: try DistinguishedName { CommonName(hosts[0]) }, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(hosts.map { .dnsName($0) })
            }, issuerPrivateKey: .init(rootKey))
        out[InternalCertificate.certificateFile] = try served.serializeAsPEM().pemString + "\n"
        out[InternalCertificate.keyFile] = key.pemRepresentation + "\n"
        return out
    }

    func certificate(_ name: String) -> Certificate? {
        files[name].flatMap { try? Certificate(pemEncoded: $0) }
    }

    static func stamp(_ date: Date) -> String {
        String(Int(date.timeIntervalSince1970))
    }
}
