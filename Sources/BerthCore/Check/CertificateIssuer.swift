import NIOSSL

/// Who issued a certificate, as people read it (`CN=Pebble Intermediate CA 5e1f2a`), from its DER.
///
/// NIOSSL exposes a certificate's subject names but not its issuer; a message about a certificate
/// that is not trusted must say which CA it came from.
enum CertificateIssuer {
    /// The issuer's common name, organisation, unit and country, in the certificate's order; nil if unreadable.
    static func name(_ certificate: NIOSSLCertificate) -> String? {
        (try? certificate.toDERBytes()).flatMap { name(der: $0) }
    }

    /// Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, … }, … }
    static func name(der: [UInt8]) -> String? {
        var outer = DERReader(der[...])
        guard let certificate = outer.next(), certificate.tag == 0x30 else { return nil }
        var inner = DERReader(certificate.body)
        guard let tbs = inner.next(), tbs.tag == 0x30 else { return nil }
        var fields = DERReader(tbs.body)
        var field = fields.next()
        if field?.tag == 0xA0 { field = fields.next() }
        guard field?.tag == 0x02, fields.next()?.tag == 0x30, let issuer = fields.next(), issuer.tag == 0x30 else { return nil }
        var parts: [String] = []
        var names = DERReader(issuer.body)
        while let set = names.next() {
            guard set.tag == 0x31 else { return nil }
            var attributes = DERReader(set.body)
            while let attribute = attributes.next() {
                var pair = DERReader(attribute.body)
                guard let oid = pair.next(), oid.tag == 0x06, let value = pair.next() else { return nil }
                if let label = labels[Array(oid.body)] { parts.append("\(label)=\(String(decoding: value.body, as: UTF8.self))") }
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// The attribute types shown, by the body of their object identifier (2.5.4.x).
    static let labels: [[UInt8]: String] = [[0x55, 0x04, 0x03]: "CN", [0x55, 0x04, 0x0A]: "O", [0x55, 0x04, 0x0B]: "OU", [0x55, 0x04, 0x06]: "C"]
}

/// DER elements one after another: each one's tag and the bytes of its body.
struct DERReader {
    var rest: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { rest = bytes }

    /// The next element, or nil at the end or where the encoding is cut short.
    mutating func next() -> (tag: UInt8, body: ArraySlice<UInt8>)? {
        guard rest.count >= 2 else { return nil }
        let tag = rest[rest.startIndex]
        var index = rest.startIndex + 1
        var length = Int(rest[index])
        index += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard (1...4).contains(count), rest.endIndex - index >= count else { return nil }
            length = 0
            for _ in 0..<count {
                length = length << 8 | Int(rest[index])
                index += 1
            }
        }
        guard rest.endIndex - index >= length else { return nil }
        let body = rest[index..<index + length]
        rest = rest[(index + length)...]
        return (tag, body)
    }
}
