@testable import BerthCore
import Testing

/// `WWW-Authenticate` headers as registries send them on an anonymous `GET /v2/<name>/tags/list`.
@Suite struct RegistryChallengeTests {
    @Test func dockerHubBearer() throws {
        let challenge = try #require(RegistryChallenge(#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/traefik:pull""#))
        #expect(challenge.scheme == "bearer")
        #expect(challenge.parameters == ["realm": "https://auth.docker.io/token", "service": "registry.docker.io", "scope": "repository:library/traefik:pull"])
        #expect(challenge.tokenURL == "https://auth.docker.io/token?service=registry.docker.io&scope=repository%3Alibrary%2Ftraefik%3Apull")
    }

    @Test func ghcrBearer() throws {
        let challenge = try #require(RegistryChallenge(#"Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:goauthentik/server:pull""#))
        #expect(challenge.tokenURL == "https://ghcr.io/token?service=ghcr.io&scope=repository%3Agoauthentik%2Fserver%3Apull")
    }

    @Test func basicFromAnHtpasswdRegistry() throws {
        let challenge = try #require(RegistryChallenge(#"Basic realm="Registry Realm""#))
        #expect(challenge.scheme == "basic" && challenge.parameters == ["realm": "Registry Realm"])
        #expect(challenge.tokenURL == nil)
    }

    @Test func commasAndEscapesInsideQuotesAndErrors() throws {
        let challenge = try #require(RegistryChallenge(#"Bearer realm="https://auth.example.org/token?x=1",scope="repository:a/b:pull,push",error="insufficient_scope",note="say \"hi\"""#))
        #expect(challenge.parameters["scope"] == "repository:a/b:pull,push")
        #expect(challenge.parameters["error"] == "insufficient_scope")
        #expect(challenge.parameters["note"] == #"say "hi""#)
        #expect(challenge.tokenURL == "https://auth.example.org/token?x=1&scope=repository%3Aa%2Fb%3Apull%2Cpush")
        #expect(RegistryChallenge("") == nil)
    }
}
