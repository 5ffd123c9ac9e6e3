import ServicePlugin

extension Traefik {
    /// Under `certificates: internal`, a certificate from Berth's CA for every routed host: Traefik's own default
    /// certificate is self-signed and names no host, so no client, `berth check` included, could trust it.
    ///
    /// On Swarm the deploy writes it on every node that may run Traefik.
    public func internalCertificate(in context: RenderContext) -> InternalCertificate? {
        guard context.certificates == .internal else { return nil }
        let hosts = context.routedHosts
        return hosts.isEmpty ? nil : InternalCertificate(directory: context.dataPath(Self.id, "internal"), hosts: hosts)
    }

    /// Where the container reads the CA's folder.
    static let internalDirectory = "/etc/traefik/internal"

    /// The file provider's default certificate: every router without a resolver serves it.
    var internalTLSFile: ExtraFile {
        let file: (String) -> YAMLValue = { .string("\(Self.internalDirectory)/\($0)") }
        let certificate: YAMLValue = .map([("certFile", file(InternalCertificate.certificateFile)), ("keyFile", file(InternalCertificate.keyFile))])
        let document: YAMLValue = .map([("tls", .map([("stores", .map([("default", .map([("defaultCertificate", certificate)]))]))]))])
        return .yaml("dynamic-conf/internal-tls.yaml", document, header: "Rendered by Berth: the certificate berth deploy issues from its CA (certificates: internal).")
    }
}
