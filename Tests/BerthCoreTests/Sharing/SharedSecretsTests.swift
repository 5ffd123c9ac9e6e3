import BerthCore
import Foundation
import Testing

/// Staging's OIDC client secret lives in two trees: staging's planka and production's identity provider.
@Suite struct SharedSecretsTests {
    func tree(_ stack: Stack) throws -> String {
        let root = Fixtures.temporaryDirectory("shared-\(stack.environment.name)")
        try TreeWriter(destination: root).write(TreeRenderer.render(stack))
        return root
    }

    @Test func envInitOfEitherSideTakesTheOtherSidesValue() throws {
        let production = try SharingFixture.stack("production"), staging = try SharingFixture.stack("staging")
        for stagingFirst in [true, false] {
            let productionRoot = try tree(production), stagingRoot = try tree(staging)
            let order =
                stagingFirst
                ? [(staging, stagingRoot, production, productionRoot), (production, productionRoot, staging, stagingRoot)]
                : [(production, productionRoot, staging, stagingRoot), (staging, stagingRoot, production, productionRoot)]
            for (stack, root, peer, peerRoot) in order {
                _ = try EnvInitializer(stack: stack, root: root, peers: [(peer, peerRoot)]).run()
            }
            let planka = try #require(try EnvFile.read("\(stagingRoot)/planka/.env")).values
            let authentik = try #require(try EnvFile.read("\(productionRoot)/authentik/.env")).values
            #expect(planka["OIDC_CLIENT_SECRET"]?.count == 96)
            #expect(planka["OIDC_CLIENT_SECRET"] == authentik["STAGING_PLANKA_OIDC_CLIENT_SECRET"])
            #expect(planka["OIDC_CLIENT_ID"] == authentik["STAGING_PLANKA_OIDC_CLIENT_ID"])
            // Production's own client is another one.
            #expect(authentik["PLANKA_OIDC_CLIENT_SECRET"] != authentik["STAGING_PLANKA_OIDC_CLIENT_SECRET"])
        }
    }
}
