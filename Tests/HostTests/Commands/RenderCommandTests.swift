import BerthCore
import Foundation
import Testing

@Suite struct RenderCommandTests {
    @Test func helpNamesTheDefaultOutputFolder() throws {
        let run = try Run.berth(["render", "--help"])
        #expect(run.status == 0)
        let words = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("(default: deploy/<env> beside the config file)"))
    }

    @Test func rendersIntoDeployEnvBesideTheConfigFromAnyDirectory() throws {
        let project = Scratch.project()
        let run = try Run.berth(["render", "--env", "production", "-c", project + "/berth.yaml"], in: "/")
        #expect(run.status == 0, "\(run.output)")
        let tree = Scratch.snapshot(project + "/deploy/production")
        #expect(
            Set(tree.keys) == [
                ".berth/manifest", "docker-compose.yaml", "update.sh", "backup.sh",
                "website/docker-compose.yaml", "traefik/docker-compose.yaml", "traefik/traefik.yml", "traefik/dynamic-conf/authentik-middleware.yaml",
                "traefik/traefik-socket.cfg", "watchtower/watchtower-socket.cfg",
                "authentik/docker-compose.yaml", "authentik/sample.env", "authentik/blueprints/planka-oidc.yaml", "authentik/blueprints/forward-auth.yaml",
                "planka/docker-compose.yaml", "planka/sample.env", "kopia/docker-compose.yaml", "kopia/sample.env",
                "watchtower/docker-compose.yaml", "watchtower/sample.env",
            ])
        let top = String(decoding: tree["docker-compose.yaml"]!, as: UTF8.self)
        #expect(
            top.contains(
                "include:\n  - ./traefik/docker-compose.yaml\n  - ./authentik/docker-compose.yaml\n  - ./planka/docker-compose.yaml\n  - ./kopia/docker-compose.yaml\n  - ./watchtower/docker-compose.yaml\n"
            ))
    }

    @Test func secondRenderIsByteIdenticalAndKeepsEnvFiles() throws {
        let project = Scratch.project()
        #expect(try Run.berth(["render", "--env", "production"], in: project).status == 0)
        let out = project + "/deploy/production"
        #expect(try Run.berth(["env", "init", "--env", "production", "--dir", "deploy/production"], in: project).status == 0)
        let before = Scratch.snapshot(out)
        #expect(before.keys.contains("planka/.env"))
        #expect(try Run.berth(["render", "--env", "production"], in: project).status == 0)
        #expect(Scratch.snapshot(out) == before)
        #expect(String(decoding: before["planka/docker-compose.yaml"] ?? Data(), as: UTF8.self).contains("https://planka.tangram-orchestre.fr"))
    }

    @Test func theExamplesStagingRendersOnlyItsOwnAppWithItsTag() throws {
        let project = Scratch.project()
        let run = try Run.berth(["render", "--env", "staging"], in: project)
        #expect(run.status == 0, "\(run.output)")
        let files = Scratch.snapshot(project + "/deploy/staging")
        #expect(files.keys.sorted() == [".berth/manifest", "docker-compose.yaml", "update.sh", "website/docker-compose.yaml"])
        let compose = String(decoding: files["website/docker-compose.yaml"] ?? Data(), as: UTF8.self)
        #expect(compose.contains("showcase-website:staging") && compose.contains("traefik.http.routers.staging-website.rule=Host(`www.staging.tangram-orchestre.fr`)"))
        #expect(String(decoding: files["docker-compose.yaml"] ?? Data(), as: UTF8.self).contains("name: tangram-staging"))
    }
}

@Suite struct EnvCommandTests {
    @Test func initThenCheckIsCleanAndPrintsNoSecret() throws {
        let project = Scratch.project()
        #expect(try Run.berth(["render", "--env", "production"], in: project).status == 0)
        let initRun = try Run.berth(["env", "init", "--env", "production", "--dir", "deploy/production"], in: project)
        #expect(initRun.status == 0)
        #expect(initRun.stdout.contains("planka/.env: created: generated SECRET_KEY, DB_PASSWORD; shared OIDC_CLIENT_ID, OIDC_CLIENT_SECRET"))
        let check = try Run.berth(["env", "check", "--dir", project + "/deploy/production"], in: "/")
        #expect(check.status == 0, "\(check.output)")
        let secret = try String(contentsOfFile: project + "/deploy/production/planka/.env", encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("SECRET_KEY=") }!.dropFirst("SECRET_KEY=".count)
        #expect(!(initRun.output + check.output).contains(secret))
    }

    @Test func checkReportsFileLineAndExitsOne() throws {
        let project = Scratch.project()
        #expect(try Run.berth(["render", "--env", "production"], in: project).status == 0)
        #expect(try Run.berth(["env", "init", "--env", "production", "--dir", "deploy/production"], in: project).status == 0)
        let env = project + "/deploy/production/planka/.env"
        var text = try String(contentsOfFile: env, encoding: .utf8)
        text = text.replacingOccurrences(of: "\nSMTP_NAME=", with: "\nSMTP_NAME=not-an-address")
        try text.write(toFile: env, atomically: false, encoding: .utf8)
        let run = try Run.berth(["env", "check", "--dir", "deploy/production"], in: project)
        #expect(run.status == 1)
        #expect(run.stdout.contains("deploy/production/planka/.env:"))
        #expect(run.stdout.contains(": SMTP_NAME must be an e-mail address"))
        let json = try Run.berth(["env", "check", "--dir", "deploy/production", "--json"], in: project)
        #expect(json.status == 1)
        let problems = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(problems?.count == 1)
        #expect((problems?.first?["message"] as? String) == "SMTP_NAME must be an e-mail address")
    }

    @Test(.needsShared) func checkOnTheReferenceFindsKopiasUndeclaredPassword() throws {
        let run = try Run.berth(["env", "check", "--dir", Run.shared + "/reference/tangram-production"], in: "/tmp")
        #expect(run.status == 1)
        #expect(run.stdout.contains("kopia/docker-compose.yaml:15: ${KOPIA_PASSWORD} is interpolated but sample.env does not declare it"))
    }
}

@Suite struct ModulesAndValidateCommandTests {
    @Test func validateAcceptsTheExample() throws {
        let run = try Run.berth(["validate", "--env", "production", "--json"], in: Scratch.project())
        #expect(run.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(report?["ok"] as? Bool == true)
    }

    @Test func modulesListsEveryModuleAsJSON() throws {
        let run = try Run.berth(["modules", "--json"], in: Scratch.project())
        #expect(run.status == 0, "\(run.output)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        // Every module of the registry, then the config's own apps.
        #expect(entries.map { $0["id"] as? String } == PluginRegistry.standard.ids + ["website"])
        let planka = try #require(entries.first { $0["id"] as? String == "planka" })
        #expect((planka["images"] as? [String]) == ["ghcr.io/plankanban/planka:2.1.0", "postgres:17-alpine"])
        #expect(((planka["env"] as? [[String: Any]]) ?? []).contains { $0["name"] as? String == "SECRET_KEY" && $0["secret"] as? Bool == true })
        #expect(((planka["routes"] as? [[String: Any]]) ?? []).first?["hosts"] as? [String] == ["planka.tangram-orchestre.fr"])
        #expect(((planka["options"] as? [[String: Any]]) ?? []).contains { $0["name"] as? String == "oidc_admin_roles" && $0["value"] as? String == "[bureau]" })
        #expect(((planka["backup"] as? [String: Any])?["dumps"] as? [String]) == ["pg_dump planka as planka in planka-postgres"])
        let text = try Run.berth(["modules"], in: Scratch.project())
        #expect(text.stdout.contains("route kopia: kopia.tangram-orchestre.fr -> kopia:51515 (protected)"))
    }
}

/// `berth env check` through the binary: each kind of problem, its message and exit code 1.
@Suite struct EnvCheckCommandCases {
    static let sample = "# berth: required, secret\nSECRET=\n# berth: optional, kind=url\nHOME_URL=\n"

    static let cases: [(name: String, env: String, compose: String, message: String)] = [
        ("missing key", "SECRET=a\n", "", "app/.env:1: missing key HOME_URL, declared at sample.env:4"),
        ("extra key", "SECRET=a\nHOME_URL=\nEXTRA=1\n", "", "app/.env:3: key EXTRA is not declared in sample.env"),
        ("empty required key", "SECRET=\nHOME_URL=\n", "", "app/.env:1: SECRET is required but empty"),
        ("bad URL", "SECRET=a\nHOME_URL=nope\n", "", "app/.env:2: HOME_URL must be a URL with a scheme and a host"),
        ("duplicate key", "SECRET=a\nHOME_URL=\nSECRET=b\n", "", "app/.env:3: duplicate key SECRET (first at line 1)"),
        ("undeclared interpolation", "SECRET=a\nHOME_URL=\n", "      X: ${OTHER}\n", "app/docker-compose.yaml:5: ${OTHER} is interpolated but sample.env does not declare it"),
    ]

    @Test(arguments: 0..<cases.count)
    func reportsTheProblemAndExitsOne(_ index: Int) throws {
        let item = Self.cases[index]
        let root = Scratch.directory("envcase")
        try FileManager.default.createDirectory(atPath: root + "/app", withIntermediateDirectories: true)
        try ("services:\n  app:\n    image: x\n    environment:\n" + (item.compose.isEmpty ? "      A: b\n" : item.compose)).write(
            toFile: root + "/app/docker-compose.yaml", atomically: true, encoding: .utf8)
        try Self.sample.write(toFile: root + "/app/sample.env", atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: root + "/app/.env", contents: Data(item.env.utf8), attributes: [.posixPermissions: 0o600])
        let run = try Run.berth(["env", "check", "--dir", root], in: "/")
        #expect(run.status == 1, "\(item.name)")
        #expect(run.stdout.split(separator: "\n").map(String.init) == [root + "/" + item.message], "\(item.name)")
    }
}
