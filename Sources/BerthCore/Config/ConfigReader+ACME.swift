import Foundation
import ServicePlugin

extension ConfigReader {
    /// An environment's `acme_ca:`: the directory of the ACME server its proxy asks, with `ca_file:` as that server's root.
    ///
    /// The root travels to the server with the rendered tree, so with `acme_ca:` the file must exist here and
    /// hold a PEM certificate; without it, `ca_file:` may name a root that only the deploy creates (Caddy's own CA).
    mutating func readACME(_ fields: [String: ConfigNode], _ envNode: ConfigNode, certificates: String?, caFile: String?) -> ACMEServer? {
        guard let directory = string(fields, "acme_ca", envNode, default: "", check: Self.acmeDirectory)?.nonEmpty else { return nil }
        if certificates == CertificateSource.internal.rawValue {
            diagnostics.append(fields["acme_ca"]!.error("needs certificates: acme (with internal certificates the proxy asks no ACME server)"))
            return nil
        }
        guard let caFile, let node = fields["ca_file"] else { return ACMEServer(directory: directory) }
        guard let text = try? String(contentsOfFile: caFile, encoding: .utf8) else {
            let missing = !FileManager.default.fileExists(atPath: caFile)
            diagnostics.append(node.error("\(missing ? "no such file" : "cannot be read"): \(caFile) (acme_ca: sends it to the proxy as the ACME server's root)"))
            return nil
        }
        guard text.contains("-----BEGIN CERTIFICATE-----") else {
            diagnostics.append(node.error("\(caFile) holds no PEM certificate (-----BEGIN CERTIFICATE-----)"))
            return nil
        }
        return ACMEServer(directory: directory, roots: text)
    }

    /// An ACME directory: an `https` URL with a host, of characters that YAML, a Caddyfile and a shell read as they are.
    static func acmeDirectory(_ value: String) -> String? {
        let plain = value.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && !"\"'`\\{}$;#".unicodeScalars.contains($0) }
        guard plain, let parts = URLComponents(string: value), parts.scheme == "https", !(parts.host ?? "").isEmpty else {
            return "must be the https URL of an ACME directory, e.g. https://ca.example.org/acme/directory, got '\(Validators.quoted(value))'"
        }
        return nil
    }
}
