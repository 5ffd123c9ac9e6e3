/// The ACME server an environment's proxy gets certificates from, when it is not the proxy's default (Let's Encrypt).
///
/// A private CA (step-ca, or Pebble in tests) serves its directory over HTTPS with a certificate of its own:
/// the proxy must trust `roots` to talk to it at all.
public struct ACMEServer: Sendable, Hashable {
    /// The directory URL (`acme_ca:`), always `https`.
    public var directory: String
    /// PEM certificates the directory's TLS certificate chains to (`ca_file:`); nil when public roots do.
    public var roots: String?

    public init(directory: String, roots: String? = nil) {
        self.directory = directory
        self.roots = roots
    }

    /// The file, in the proxy's module folder, that carries ``roots`` to the server with the rendered tree.
    public static let rootsFile = "acme-ca.pem"
}
