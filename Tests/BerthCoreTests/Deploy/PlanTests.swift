import BerthCore
import Testing

@Suite struct PlanTests {
    func summary(_ edit: (String) -> String = { $0 }) throws -> StackSummary {
        let stack = try Fixtures.stack(edit(Fixtures.exampleText))
        return StackSummary(stack: stack, tree: TreeRenderer.render(stack))
    }

    @Test func noChangesAgainstItself() throws {
        let plan = Plan(from: "r1", old: try summary(), new: try summary())
        #expect(!plan.hasChanges)
        #expect(plan.text == "no changes since release r1")
    }

    @Test func firstDeployAddsEveryService() throws {
        let plan = Plan(from: nil, old: nil, new: try summary())
        #expect(plan.services.allSatisfy { $0.kind == .added })
        // The example's nine, and the Docker socket proxies of Traefik and Watchtower.
        #expect(plan.services.count == 11)
    }

    @Test func showsImageLabelAndFileChangesWithoutValues() throws {
        let new = try summary {
            $0.replacingOccurrences(of: "planka: { subdomain: planka,", with: "planka: { version: \"2.2.0\", subdomain: board,")
                .replacingOccurrences(of: "  watchtower: { monitor_only: true }\n", with: "")
        }
        let plan = Plan(from: "r1", old: try summary(), new: new)
        let planka = try #require(plan.services.first { $0.service == "planka" })
        #expect(planka.image == ["ghcr.io/plankanban/planka:2.1.0", "ghcr.io/plankanban/planka:2.2.0"])
        #expect(planka.labelsAdded.contains("traefik.http.routers.planka.rule=Host(`board.tangram-orchestre.fr`)"))
        #expect(plan.services.first { $0.service == "watchtower" }?.kind == .removed)
        #expect(plan.filesChanged.contains("authentik/blueprints/planka-oidc.yaml"))
        // The worker mounts the blueprints: their checksum label changes, so compose recreates it.
        let worker = try #require(plan.services.first { $0.service == "authentik-worker" })
        #expect(worker.labelsAdded.count == 1 && worker.labelsAdded[0].hasPrefix("berth.files-sha256="))
        #expect(plan.text.contains("~ planka (planka)\n    image: ghcr.io/plankanban/planka:2.1.0 -> ghcr.io/plankanban/planka:2.2.0"))
    }

    @Test func envKeyChangesAreNamedNotValued() throws {
        let new = try summary { $0.replacingOccurrences(of: "oidc_admin_roles: [bureau] }", with: "oidc_admin_roles: [bureau], sso: false }") }
        let plan = Plan(from: "r1", old: try summary(), new: new)
        let planka = try #require(plan.services.first { $0.service == "planka" })
        #expect(planka.envKeysRemoved == ["OIDC_ADMIN_ROLES", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_ENFORCED", "OIDC_ISSUER", "OIDC_SCOPES"])
    }
}
