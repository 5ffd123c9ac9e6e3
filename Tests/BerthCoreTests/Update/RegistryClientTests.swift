@testable import BerthCore
import Foundation
import NIOCore
import ServicePlugin
import Testing

/// The parts of the registry client that read headers and bodies; the requests themselves are tested
/// against a real registry in HostTests/Update.
@Suite struct RegistryClientTests {
    @Test func linkHeadersAsRegistriesSendThem() {
        let base = "https://registry-1.docker.io"
        #expect(
            RegistryClient.nextPage([#"</v2/library/postgres/tags/list?last=16-alpine&n=100>; rel="next""#], base: base)
                == "https://registry-1.docker.io/v2/library/postgres/tags/list?last=16-alpine&n=100")
        #expect(RegistryClient.nextPage([#"<https://ghcr.io/v2/a/b/tags/list?last=x&n=2>; rel="next""#], base: base) == "https://ghcr.io/v2/a/b/tags/list?last=x&n=2")
        #expect(RegistryClient.nextPage([#"</v2/a/tags/list?n=1>; rel="prev""#], base: base) == nil)
        #expect(RegistryClient.nextPage([], base: base) == nil)
    }

    @Test func retryAfterInSecondsOrAsADate() throws {
        #expect(RegistryClient.retryAfter("7") == 7)
        #expect(RegistryClient.retryAfter(nil) == nil && RegistryClient.retryAfter("soon") == nil)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let wait = try #require(RegistryClient.retryAfter(formatter.string(from: Date().addingTimeInterval(20))))
        #expect(wait > 17 && wait <= 20)
    }

    @Test func tokenBodies() {
        #expect(RegistryClient.token(in: ByteBuffer(string: #"{"token":"abc","expires_in":300}"#)) == "abc")
        #expect(RegistryClient.token(in: ByteBuffer(string: #"{"access_token":"xyz"}"#)) == "xyz")
        #expect(RegistryClient.token(in: ByteBuffer(string: #"{"token":""}"#)) == nil)
    }

    @Test func whereEachRepositoryIsAsked() {
        #expect(RegistryRepository(ImageRef(repository: "postgres", tag: "16")).baseURL == "https://registry-1.docker.io")
        #expect(RegistryRepository(ImageRef(repository: "postgres", tag: "16")).path == "library/postgres")
        #expect(RegistryRepository(ImageRef(repository: "ghcr.io/plankanban/planka", tag: "2")).baseURL == "https://ghcr.io")
        #expect(RegistryRepository(ImageRef(repository: "127.0.0.1:5000/plankanban/planka", tag: "2")).baseURL == "http://127.0.0.1:5000")
        #expect(RegistryRepository(ImageRef(repository: "localhost:5000/a", tag: "2")).baseURL == "http://localhost:5000")
        #expect(RegistryRepository(ImageRef(repository: "registry.lan:5000/a", tag: "2")).baseURL == "https://registry.lan:5000")
    }

    @Test func dockerConfigLogins() throws {
        let json = #"""
            {"auths": {"127.0.0.1:5001": {"auth": "YWxpY2U6czNjcjp0"}, "https://index.docker.io/v1/": {"username": "bob", "password": "pw"}},
             "credHelpers": {"ghcr.io": "pass"}}
            """#
        let credentials = try RegistryCredentials.parse(Data(json.utf8), file: "config.json")
        #expect(credentials.login(for: "127.0.0.1:5001").map { "\($0.user) \($0.password)" } == "alice s3cr:t")
        #expect(credentials.login(for: "docker.io").map(\.user) == "bob")
        #expect(credentials.login(for: "ghcr.io") == nil && credentials.helper(for: "ghcr.io") == "pass")
        #expect(throws: BerthError.usage("config.json: not valid JSON (Docker's config file, read for registry logins)")) {
            try RegistryCredentials.parse(Data("[".utf8), file: "config.json")
        }
    }
}
