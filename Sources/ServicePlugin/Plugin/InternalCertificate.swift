/// A certificate for every routed host, which Berth issues from a CA of its own for a proxy that has none.
///
/// Under `certificates: internal`, Caddy runs its own CA; Traefik only has a self-signed default certificate
/// that names no host, which nothing can trust. For such a proxy a deploy keeps a CA in `directory` on the
/// target (made once, kept with the proxy's data) and a certificate from it for `hosts`, issued again when
/// the hosts change or it nears its end. `ca_file:` then takes the CA's certificate, as it takes Caddy's root.
public struct InternalCertificate: Sendable, Hashable {
    /// The folder on the target: ``rootFile``, its key, ``certificateFile`` and its key.
    public var directory: String
    /// The names the certificate covers.
    public var hosts: [String]

    public init(directory: String, hosts: [String]) {
        self.directory = directory
        self.hosts = hosts
    }

    /// The CA's certificate, for `ca_file:`.
    public static let rootFile = "root.crt"
    public static let rootKeyFile = "root.key"
    /// The certificate the proxy serves, and its key.
    public static let certificateFile = "cert.pem"
    public static let keyFile = "key.pem"
}
