import BerthTraefik
import Foundation
import PluginTesting
import ServicePlugin
import Testing

/// `acme_ca:` with `ca_file:`: Traefik's resolver asks that ACME server, and lego trusts its root through `LEGO_CA_CERTIFICATES`.
@Suite struct TraefikACMETests {
    func fragment(_ acme: ACMEServer?, certificates: CertificateSource = .acme, options: [String: OptionValue] = [:]) -> ComposeFragment {
        var context = PluginFixtures.context(for: Traefik.self)
        context.stack.certificates = certificates
        context.stack.acme = acme
        return PluginFixtures.plugin(Traefik.self, options).compose(in: context)
    }

    @Test func theResolverNamesTheServerAndLegoTrustsItsRoot() throws {
        let roots = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        let fragment = fragment(ACMEServer(directory: "https://pebble:14000/dir", roots: roots), options: ["acme_staging": .bool(true)])
        let yml = fragment.files[0].contents
        // The environment's server wins over the staging switch.
        #expect(yml.contains("caServer: \"https://pebble:14000/dir\"") && !yml.contains("acme-staging"), "\(yml)")
        #expect(yml.contains("httpChallenge:"))
        let file = try #require(fragment.files.first { $0.path == "acme-ca.pem" })
        #expect(file.contents == roots)
        let service = try #require(fragment[service: "traefik"])
        #expect(service.volumes.contains(VolumeMount("./acme-ca.pem", "/etc/traefik/acme-ca.pem", readOnly: true, role: .config)))
        #expect(service.environment.map { "\($0.key)=\($0.value)" } == ["LEGO_CA_CERTIFICATES=/etc/traefik/acme-ca.pem"])
    }

    @Test func withoutARootOrWithInternalCertificatesNothingIsMounted() {
        let publicCA = fragment(ACMEServer(directory: "https://ca.example.org/directory"))
        #expect(publicCA.files[0].contents.contains("caServer: \"https://ca.example.org/directory\""))
        #expect(!publicCA.files.contains { $0.path == "acme-ca.pem" } && publicCA.services[0].environment.isEmpty)
        let plain = fragment(nil)
        #expect(!plain.files[0].contents.contains("caServer") && plain.services[0].environment.isEmpty)
        let local = fragment(ACMEServer(directory: "https://pebble:14000/dir", roots: "x"), certificates: .internal)
        #expect(!local.files.contains { $0.path == "acme-ca.pem" } && local.services[0].environment.isEmpty)
    }
}
