@testable import BerthCore
import Foundation
import PluginTesting
import ServicePlugin
import Testing

@Suite struct ConfigMergeTests {
    /// Tangram's running project as `berth adopt` maps it: its modules pinned to what runs, its website as it runs.
    static var tangram: Adoption {
        var adoption = Adoption(project: RunningProject(name: "production", output: ""))
        adoption.modules = [
            Adoption.Module(id: "authentik", services: ["server", "worker", "postgresql", "redis"], version: "2024.12.2", images: ["postgres": "17-alpine", "redis": "7.4.2-alpine"]),
            Adoption.Module(id: "planka", services: ["planka", "postgres"], version: "1.23.5", images: ["postgres": "14-alpine"], options: [("db_user", "postgres"), ("db_auth", "trust")]),
            Adoption.Module(id: "watchtower", services: ["watchtower"], version: "1.22.1"),
            Adoption.Module(id: "dozzle", services: ["dozzle"], version: "8.12.1"),
        ]
        adoption.apps = [
            Adoption.App(name: "website", image: ImageRef(repository: "ghcr.io/tangram-orchestre/showcase-website", tag: "latest"), port: 3000),
            Adoption.App(name: "docs", image: ImageRef(repository: "ghcr.io/tangram-orchestre/docs", tag: "2.1"), port: 8080),
        ]
        return adoption
    }

    static func adoption(_ modules: [Adoption.Module], apps: [Adoption.App] = []) -> Adoption {
        var adoption = Adoption(project: RunningProject(name: "production", output: ""))
        adoption.modules = modules
        adoption.apps = apps
        return adoption
    }

    static let planka = Adoption.Module(id: "planka", services: ["planka"], version: "1.23.5", images: ["postgres": "14-alpine"], options: [("db_user", "postgres")])

    static func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch { return "\(error)" }
        return nil
    }

    @Test func theExampleTakesTangramOverWithEveryOtherLineAsItWas() throws {
        let text = Fixtures.exampleText
        let merged = try ConfigMerge().merged(text, with: Self.tangram)
        assertSnapshot(merged, named: "tangram-adopted.yaml")
        // Every line of the example is still there, in order, but the three entries the adoption extends.
        let touched: Set = ["  authentik: { subdomain: auth }", "  planka: { subdomain: planka, oidc_admin_roles: [bureau] }", "  watchtower: { monitor_only: true }"]
        var rest = merged.split(separator: "\n", omittingEmptySubsequences: false)[...]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !touched.contains(String(line)) {
            guard let index = rest.firstIndex(of: line) else { return #expect(Bool(false), "lost: \(line)") }
            rest = rest[(index + 1)...]
        }
        let config = try ConfigLoader().parse(merged, file: "berth.yaml")
        #expect(config.services.map(\.id) == ["traefik", "authentik", "planka", "kopia", "watchtower", "dozzle"])
        #expect(config.services[2].options["db_auth"] == .string("trust") && config.services[2].options["subdomain"] == .string("planka"))
        #expect(config.apps.map(\.name) == ["website", "docs"])
    }

    @Test func mergingTwiceIsMergingOnce() throws {
        let once = try ConfigMerge().merged(Fixtures.exampleText, with: Self.tangram)
        #expect(try ConfigMerge().merged(once, with: Self.tangram) == once)
    }

    @Test func aBlockEntryGetsOneLineAFieldAtItsIndentWithItsCommentsKept() throws {
        let text = Fixtures.withServices("  # the boards\n  planka:    # Tangram's\n      subdomain: boards   # not planka\n\n      oidc_admin_roles: [bureau]\n  traefik: {}")
        let merged = try ConfigMerge().merged(text, with: Self.adoption([Self.planka]))
        #expect(
            merged
                == Fixtures.withServices(
                    "  # the boards\n  planka:    # Tangram's\n      version: \"1.23.5\"\n      images: { postgres: \"14-alpine\" }\n      db_user: postgres\n"
                        + "      subdomain: boards   # not planka\n\n      oidc_admin_roles: [bureau]\n  traefik: {}"))
    }

    @Test func aNewModuleGoesAfterTheLastLineOfABlockSectionBeforeTheNextKeysComments() throws {
        let text = Fixtures.withServices("  traefik:\n    dashboard: traefik\n  # planka: {} some day\n\n# the targets")
        let merged = try ConfigMerge().merged(text, with: Self.adoption([Self.planka]))
        let line = "  planka: { version: \"1.23.5\", images: { postgres: \"14-alpine\" }, db_user: postgres }"
        #expect(merged == Fixtures.withServices("  traefik:\n    dashboard: traefik\n  # planka: {} some day\n\(line)\n\n# the targets"))
    }

    @Test func aBlockOfImagesGetsTheImagesItLacksAndKeepsThoseItHas() throws {
        let text = Fixtures.withServices("  authentik:\n    images:\n      postgres: '17-alpine'\n  traefik: {}")
        let module = Adoption.Module(id: "authentik", services: [], images: ["postgres": "17-alpine", "redis": "7.4.2-alpine"])
        let merged = try ConfigMerge().merged(text, with: Self.adoption([module]))
        #expect(merged == Fixtures.withServices("  authentik:\n    images:\n      redis: \"7.4.2-alpine\"\n      postgres: '17-alpine'\n  traefik: {}"))
        let flow = Fixtures.withServices("  authentik: { images: { postgres: \"17-alpine\" } }\n  traefik: {}")
        #expect(try ConfigMerge().merged(flow, with: Self.adoption([module])) == Fixtures.withServices("  authentik: { images: { postgres: \"17-alpine\", redis: \"7.4.2-alpine\" } }\n  traefik: {}"))
    }

    @Test func emptyEntriesGetTheFields() throws {
        for entry in ["  planka:", "  planka: {}", "  planka: ~   # later", "  planka:   # later"] {
            let merged = try ConfigMerge().merged(Fixtures.withServices("\(entry)\n  traefik: {}"), with: Self.adoption([Self.planka]))
            let comment = entry.hasSuffix("# later") ? "   # later" : ""
            #expect(merged == Fixtures.withServices("  planka: { version: \"1.23.5\", images: { postgres: \"14-alpine\" }, db_user: postgres }\(comment)\n  traefik: {}"))
        }
    }

    @Test func aFileWithoutServicesGetsTheBlockAtItsEnd() throws {
        let text = "name: tangram   # the project\ndomain: tangram-orchestre.fr\nacme_email: admin@tangram-orchestre.fr\nenvironments:\n    production: { target: \"file:.berth/local\" }\n# the end\n"
        let merged = try ConfigMerge().merged(text, with: Self.adoption([Self.planka], apps: Self.tangram.apps))
        let services = "services:\n    planka: { version: \"1.23.5\", images: { postgres: \"14-alpine\" }, db_user: postgres }\n"
        let apps =
            "apps:\n    website: { image: ghcr.io/tangram-orchestre/showcase-website, tag: \"latest\", port: 3000 }\n"
            + "    docs: { image: ghcr.io/tangram-orchestre/docs, tag: \"2.1\", port: 8080 }\n"
        #expect(merged == text + services + apps)
        let bare = String(text.dropLast())
        #expect(try ConfigMerge().merged(bare, with: Self.adoption([Self.planka])) == bare + "\n" + services.dropLast())
    }

    @Test func anEmptyFlowServicesBecomesABlock() throws {
        let text = "name: tangram\ndomain: tangram-orchestre.fr\nacme_email: admin@tangram-orchestre.fr\nservices: {}   # none yet\nenvironments:\n  production: { target: \"file:.berth/local\" }\n"
        let merged = try ConfigMerge().merged(text, with: Self.adoption([Self.planka]))
        #expect(merged == text.replacingOccurrences(of: " {}   # none yet\n", with: "   # none yet\n  planka: { version: \"1.23.5\", images: { postgres: \"14-alpine\" }, db_user: postgres }\n"))
        let flow = text.replacingOccurrences(of: "services: {}", with: "services: { traefik: {} }")
        #expect(
            try ConfigMerge().merged(flow, with: Self.adoption([Self.planka]))
                == flow.replacingOccurrences(of: "{ traefik: {} }", with: "{ traefik: {}, planka: { version: \"1.23.5\", images: { postgres: \"14-alpine\" }, db_user: postgres } }"))
    }

    @Test func aConflictingVersionIsRefusedAtItsLineAndTheFileIsLeftAlone() throws {
        let folder = Fixtures.temporaryDirectory()
        let path = folder + "/berth.yaml"
        let text = Fixtures.exampleText.replacingOccurrences(of: "planka: { subdomain: planka,", with: "planka: { version: \"2.1.0\", subdomain: planka,")
        Fixtures.write(text, to: path)
        let message = Self.message { _ = try ConfigMerge().write(Self.tangram, into: path) }
        #expect(message == "\(path):10: services.planka.version is \"2.1.0\" but the running project runs \"1.23.5\": change it by hand or remove it")
        #expect(Fixtures.read(path) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["berth.yaml"])
        let images = Fixtures.withServices("  planka: { images: { postgres: \"16-alpine\" }, db_user: planka }\n  traefik: {}")
        #expect(
            Self.message { _ = try ConfigMerge().merged(images, with: Self.adoption([Self.planka])) }
                == "berth.yaml:6: services.planka.images.postgres is \"16-alpine\" but the running project runs \"14-alpine\": change it by hand or remove it\n"
                + "berth.yaml:6: services.planka.db_user is \"planka\" but the running project runs \"postgres\": change it by hand or remove it")
    }

    @Test func anAppOfTheSameNameMustRunTheSameImageTagAndPort() throws {
        let text = Fixtures.exampleText.replacingOccurrences(of: "    tag: latest\n", with: "    tag: stable\n")
        #expect(
            Self.message { _ = try ConfigMerge().merged(text, with: Self.tangram) }
                == "berth.yaml:33: apps.website.tag is \"stable\" but the running project runs \"latest\": change it by hand, or remove or rename the app")
        let portless = Fixtures.exampleText.components(separatedBy: "    port: 3000\n")[0]
        #expect(
            Self.message { _ = try ConfigMerge().merged(portless, with: Self.tangram) }
                == "berth.yaml:31: apps.website.port is not set but the running project runs \"3000\": change it by hand, or remove or rename the app")
    }

    @Test func aResultThatWouldNotLoadIsRefused() throws {
        let unknown = Self.adoption([Adoption.Module(id: "planka", services: [], options: [("no_such_option", "x")])])
        let message = try #require(Self.message { _ = try ConfigMerge().merged(Fixtures.exampleText, with: unknown) })
        #expect(message.hasPrefix("berth.yaml: cannot merge the adoption safely, nothing written: the merged file would not load"))
        #expect(message.contains("services.planka.no_such_option: unknown key"))
        let several = Fixtures.withServices("  planka: { subdomain: planka,\n    sso: false }\n  traefik: {}")
        #expect(
            Self.message { _ = try ConfigMerge().merged(several, with: Self.adoption([Self.planka])) }
                == "berth.yaml:6: services.planka is a flow mapping ({ … }) over several lines: add the adopted fields by hand")
    }

    @Test func writingKeepsTheModeAndWritesNothingTheSecondTime() throws {
        let path = Fixtures.temporaryDirectory() + "/berth.yaml"
        Fixtures.write(Fixtures.exampleText, to: path, mode: 0o640)
        #expect(try ConfigMerge().write(Self.tangram, into: path) == .written(path: path))
        #expect(Fixtures.read(path) == (try ConfigMerge().merged(Fixtures.exampleText, with: Self.tangram)))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.posixPermissions] as? Int == 0o640)
        let modified = attributes[.modificationDate] as? Date
        let outcome = try ConfigMerge().write(Self.tangram, into: path)
        #expect(outcome == .unchanged(path: path))
        #expect(outcome.description == "\(path): already has every adopted module and app as it runs; nothing written")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == modified)
        #expect(Self.message { _ = try ConfigMerge().write(Self.tangram, into: path + ".missing") } == "\(path).missing: no such config file")
    }

    @Test func crlfLinesStayCRLF() throws {
        let text = Fixtures.withServices("  planka:\n    subdomain: boards\n  traefik: {}").replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        let merged = try ConfigMerge().merged(text, with: Self.adoption([Self.planka]))
        #expect(merged == text.replacingOccurrences(of: "  planka:\r\n", with: "  planka:\r\n    version: \"1.23.5\"\r\n    images: { postgres: \"14-alpine\" }\r\n    db_user: postgres\r\n"))
    }
}

extension ConfigMergeTests {
    @Test func oddButValidShapesAreMergedInPlace() throws {
        let planka = "planka: { version: \"1.23.5\", images: { postgres: \"14-alpine\" }, db_user: postgres }"
        let cases = [
            ("services: ~", "services:\n  \(planka)"),
            ("services:\n  \"planka\":   # quoted", "services:\n  \"planka\": { version: \"1.23.5\", images: { postgres: \"14-alpine\" }, db_user: postgres }   # quoted"),
            ("services:\n  planka: { sso: false, }", "services:\n  planka: { sso: false, version: \"1.23.5\", images: { postgres: \"14-alpine\" }, db_user: postgres }"),
            (
                "services:\n  planka: { oidc_admin_roles: ['a''b#{c}', \"d\\\"}\"] }",
                "services:\n  planka: { oidc_admin_roles: ['a''b#{c}', \"d\\\"}\"], version: \"1.23.5\", images: { postgres: \"14-alpine\" }, db_user: postgres }"
            ),
        ]
        let head = "name: tangram\ndomain: tangram-orchestre.fr\nacme_email: admin@tangram-orchestre.fr\n"
        let tail = "\nenvironments:\n  production: { target: \"file:.berth/local\" }\napps:\n"
        for (before, after) in cases {
            let app = Adoption.App(name: "docs", image: ImageRef(repository: "127.0.0.1:5000/docs", tag: "2.1"), port: 8080)
            let merged = try ConfigMerge().merged(head + before + tail, with: Self.adoption([Self.planka], apps: [app]))
            #expect(merged == head + after + tail + "  docs: { image: \"127.0.0.1:5000/docs\", tag: \"2.1\", port: 8080 }\n", "\(before)")
        }
    }
}
