import BerthCore
import Foundation
import Testing

/// Bad configs: each names its config path, exits 2 and leaves the output folder exactly as it was.
@Suite struct BadConfigTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var edit: @Sendable (String) -> String
        var expected: String
        var testDescription: String { name }
    }

    static func replace(_ old: String, _ new: String) -> @Sendable (String) -> String {
        { text in
            precondition(text.contains(old), "the example no longer holds \(old)")
            return text.replacingOccurrences(of: old, with: new)
        }
    }

    static let cases: [Case] = [
        Case(name: "unknown top-level key", edit: replace("timezone:", "timezon:"), expected: "berth.yaml:4: timezon: unknown key"),
        Case(name: "missing domain", edit: replace("domain: tangram-orchestre.fr      #", "#"), expected: "domain: is required"),
        Case(name: "bad domain", edit: replace("domain: tangram-orchestre.fr ", "domain: Tangram_Orchestre "), expected: "berth.yaml:3: domain: must be a lowercase hostname"),
        Case(name: "bad acme e-mail", edit: replace("acme_email: admin@tangram-orchestre.fr", "acme_email: admin"), expected: "berth.yaml:5: acme_email: must be an e-mail address"),
        Case(name: "unknown time zone", edit: replace("Europe/Paris", "Mars/Olympus"), expected: "berth.yaml:4: timezone: must be an IANA time zone"),
        Case(name: "relative data_root", edit: replace("data_root: /opt/docker-volumes", "data_root: docker-volumes"), expected: "berth.yaml:6: data_root: must be an absolute path"),
        Case(name: "hostile data_root", edit: replace("data_root: /opt/docker-volumes", "data_root: \"/opt/x;$(reboot)\""), expected: "berth.yaml:6: data_root: may hold only letters"),
        Case(
            name: "unknown module", edit: replace("  watchtower:", "  nextcloud: {}\n  watchtower:"),
            expected: "berth.yaml:12: services.nextcloud: unknown module (known: \(PluginRegistry.standard.ids.joined(separator: ", ")))"),
        Case(name: "unknown module option", edit: replace("{ subdomain: planka,", "{ subdomian: planka,"), expected: "berth.yaml:10: services.planka.subdomian: unknown key"),
        Case(name: "subdomain not a DNS label", edit: replace("{ subdomain: planka,", "{ subdomain: \"Plan ka\","), expected: "berth.yaml:10: services.planka.subdomain: must be a DNS label"),
        Case(name: "bool option given a string", edit: replace("monitor_only: true", "monitor_only: maybe"), expected: "berth.yaml:12: services.watchtower.monitor_only: must be true or false"),
        Case(
            name: "list option given a string", edit: replace("oidc_admin_roles: [bureau]", "oidc_admin_roles: bureau"),
            expected: "berth.yaml:10: services.planka.oidc_admin_roles: must be a list of strings"),
        Case(
            name: "port out of range", edit: replace("{ dashboard: traefik }", "{ dashboard: traefik, https_port: 70000 }"),
            expected: "berth.yaml:8: services.traefik.https_port: must be from 1 to 65535"),
        Case(
            name: "version below the module's floor", edit: replace("{ subdomain: planka,", "{ version: \"0.9.0\", subdomain: planka,"), expected: "services.planka.version: 0.9.0 is older than 1.0.0"),
        Case(name: "malformed version", edit: replace("{ subdomain: planka,", "{ version: \"1.2 3\", subdomain: planka,"), expected: "berth.yaml:10: services.planka.version: must be an image tag"),
        Case(name: "bad target scheme", edit: replace("\"file:.berth/local\"", "\"ftp://host/x\""), expected: "berth.yaml:22: environments.local.target: must be ssh://"),
        Case(name: "hostile remote path", edit: replace("/opt/services\"", "/opt/ser vices$(id)\""), expected: "berth.yaml:14: environments.production.target: the remote path may hold only"),
        Case(name: "missing target", edit: replace("    target: \"file:.berth/local\"\n", ""), expected: "berth.yaml:22: environments.local.target: is required"),
        Case(
            name: "bad registry mirror", edit: replace("registry_mirror: \"127.0.0.1:5000\"", "registry_mirror: \"http://x/\""),
            expected: "berth.yaml:23: environments.local.registry_mirror: must be HOST or HOST:PORT"),
        Case(
            name: "missing identity provider", edit: replace("  authentik: { subdomain: auth }\n", ""),
            expected: "services.planka: needs an identity provider for OIDC client 'planka' (services.planka.sso), but no enabled module provides one; enable authentik"),
        Case(
            name: "two routes on one hostname", edit: replace("{ subdomain: kopia }", "{ subdomain: planka }"),
            expected: "services.kopia: route 'kopia' serves planka.tangram-orchestre.fr/, which route 'planka' of planka already serves"),
        Case(name: "YAML syntax error", edit: replace("  kopia: { subdomain: kopia }", "  kopia: { subdomain: kopia"), expected: "berth.yaml:12: YAML syntax error"),
        Case(name: "duplicate key", edit: replace("timezone: Europe/Paris", "timezone: Europe/Paris\ntimezone: UTC"), expected: "duplicate key timezone"),
    ]

    @Test(arguments: cases)
    func renderRefusesAndWritesNothing(_ bad: Case) throws {
        let project = Scratch.project(bad.edit, name: "bad")
        // A previous good render with a real .env sits in the output folder: it must survive untouched.
        let out = project + "/deploy/production"
        let good = Scratch.project(name: "good")
        #expect(try Run.berth(["render", "--env", "production", "-c", good + "/berth.yaml", "--out", out]).status == 0)
        try "SECRET_KEY=keep\n".write(toFile: out + "/planka/.env", atomically: true, encoding: .utf8)
        let before = Scratch.snapshot(project)

        let run = try Run.berth(["render", "--env", "production", "-c", "berth.yaml", "--out", out], in: project)
        #expect(run.status == 2, "exit status for \(bad.name): \(run.output)")
        #expect(run.stderr.contains(bad.expected), "stderr for \(bad.name): \(run.stderr)")
        #expect(run.stderr.contains("nothing was written") || run.stderr.contains("berth: "))
        #expect(Scratch.snapshot(project) == before, "\(bad.name) changed files")

        let validate = try Run.berth(["validate", "--env", "production"], in: project)
        #expect(validate.status == 2)
        #expect(validate.stderr.contains(bad.expected))
    }

    @Test func unknownEnvironmentListsTheKnownOnes() throws {
        let run = try Run.berth(["render", "--env", "qa"], in: Scratch.project())
        #expect(run.status == 2)
        #expect(run.stderr.contains("environments.qa: no such environment (known: production, staging, local)"))
    }

    @Test func missingConfigFileIsAUsageError() throws {
        let run = try Run.berth(["validate", "--env", "production", "-c", "/nonexistent/berth.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("/nonexistent/berth.yaml: no such config file"))
    }

    @Test func unknownFlagIsAUsageError() throws {
        let run = try Run.berth(["render", "--bogus"])
        #expect(run.status == 2)
    }
}
