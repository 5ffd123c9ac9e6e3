@testable import BerthCore
import Testing

@Suite struct HostResolverTests {
    func resolver(_ resolve: [String: ResolvedAddress] = [:]) throws -> HostResolver {
        var environment = try Fixtures.config().environment("local")
        environment.resolve = resolve
        return HostResolver(environment: environment)
    }

    @Test func theEnvironmentsEntryWinsOverDNS() async throws {
        let address = try await resolver(["*.example.test": ResolvedAddress(ip: "127.0.0.1", port: 8443)]).address("www.example.test", timeout: 20)
        #expect(address == ResolvedAddress(ip: "127.0.0.1", port: 8443))
        #expect(try await resolver().address("localhost", timeout: 20).ip.hasSuffix("1"))
    }

    /// `.invalid` never resolves (RFC 6761): the failure names DNS, never a silent request.
    @Test func aNameThatDoesNotResolveIsADNSFailure() async throws {
        let resolver = try resolver()
        await #expect {
            try await resolver.address("planka.berth-test.invalid", timeout: 20)
        } throws: { error in
            String(describing: error).hasPrefix("DNS: ") && String(describing: error).contains("planka.berth-test.invalid")
        }
    }
}
