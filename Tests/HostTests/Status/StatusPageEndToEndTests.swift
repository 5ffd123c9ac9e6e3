import Foundation
import Testing

/// `berth status --html` of a stack deployed on the test bed, rendered by headless Chromium:
/// the page shows every module, backups with the drill `backup verify` recorded, and no secret.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct StatusPageEndToEndTests {
    static let marker = "berth-status-secret-marker-5b1f0c"

    /// Every value of every `.env` on the server long enough to be a secret, and the seeded marker.
    static func secrets(_ stack: DeployedStack) throws -> [String] {
        let values = try Run.shell("cd \(stack.services) && find . -name .env | xargs cat").stdout.split(separator: "\n").compactMap { line -> String? in
            let value = line.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            return value.count >= 12 ? value : nil
        }
        return values + [marker]
    }

    @Test func thePageShowsTheStackAndNoSecret() throws {
        let stack = try DeployedStack("berthstatus", traefik: "{ http_port: 47180, https_port: 47543, bind_address: 127.0.0.1 }")
        defer { stack.tearDown() }
        try stack.provisionSecrets()
        let env = stack.services + "/planka/.env"
        try (String(contentsOfFile: env, encoding: .utf8) + "STATUS_TEST_MARKER=\(Self.marker)\n").write(toFile: env, atomically: false, encoding: .utf8)
        let deployed = try stack.deploy()
        #expect(deployed.status == 0, "\(deployed.output)")
        let backedUp = try stack.berth(["backup", "run", "--env", "testbed"])
        #expect(backedUp.status == 0, "\(backedUp.output)")

        // Before any drill the page says none was recorded; `backup verify` records one.
        let page = Scratch.directory("statuspage") + "/status.html"
        let before = try stack.berth(["status", "--env", "testbed", "--direct", "--json"])
        #expect(before.status == 0, "\(before.output)")
        #expect(before.stdout.contains("\"lastDrill\"") == false, "\(before.stdout)")
        let verified = try stack.berth(["backup", "verify", "--env", "testbed"])
        #expect(verified.status == 0, "\(verified.output)")

        let json = try stack.berth(["status", "--env", "testbed", "--direct", "--json", "--html", page])
        #expect(json.status == 0, "\(json.output)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["modules"] as? [String] == ["traefik", "authentik", "planka", "kopia", "watchtower"])
        let checks = report["checks"] as? [[String: Any]] ?? []
        #expect(Set(checks.compactMap { $0["module"] as? String }).isSuperset(of: ["traefik", "authentik", "planka", "kopia"]), "\(checks)")
        let backups = report["backups"] as? [String: Any] ?? [:]
        #expect((backups["dumps"] as? [[String: Any]])?.compactMap { $0["file"] as? String } == ["authentik.dump", "planka.dump"], "\(backups)")
        #expect(backups["newestSnapshot"] != nil)
        #expect((backups["lastDrill"] as? [String: Any])?["drilled"] as? [String] == ["authentik/authentik", "planka/planka", "kopia/snapshots"], "\(backups)")
        #expect((report["releases"] as? [String: Any])?["current"] is String)
        #expect(report["updates"] != nil || report["updatesError"] != nil)

        let text = try stack.berth(["status", "--env", "testbed", "--direct"])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.stdout.contains("\nbackups\n  dump authentik/authentik.dump  "), "\(text.stdout)")
        #expect(text.stdout.contains("  last restore drill "), "\(text.stdout)")

        // Chromium renders it: the DOM holds every module, the screenshot is a real page of the asked size.
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let profile = Scratch.directory("chromium")
        let chromium = "timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir=\(profile) --window-size=1280,2000"
        let dom = try Run.shell("\(chromium) --dump-dom file://\(page) 2>/dev/null")
        #expect(dom.status == 0, "\(dom.output)")
        for module in ["traefik", "authentik", "planka", "kopia", "watchtower"] {
            #expect(dom.stdout.contains("<span class=\"module\">\(module)</span>"), "\(module)")
        }
        #expect(dom.stdout.contains("<section id=\"backups\">") && dom.stdout.contains("last restore drill"))
        let shot = profile + "/shot.png"
        let screenshot = try Run.shell("cd \(profile) && \(chromium) --screenshot=\(shot) file://\(page)")
        #expect(screenshot.status == 0, "\(screenshot.output)")
        let pixels = try Run.program(
            "/usr/bin/env",
            ["python3", "-c", "import sys; from PIL import Image; im = Image.open(sys.argv[1]).convert('RGB'); print(im.size[0], im.size[1], len(set(im.getdata())))", shot])
        let fields = pixels.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(fields.count == 3 && fields[0] == 1280 && fields[1] == 2000, "\(pixels.output)")
        #expect((fields.last ?? 0) > 50, "a blank page has one colour: \(pixels.output)")

        // No secret in the page, the DOM or any output.
        let outputs = [html, dom.stdout, json.output, text.output, before.output, verified.output]
        for secret in try Self.secrets(stack) {
            #expect(!outputs.contains { $0.contains(secret) }, "a secret value shows")
        }
        #expect(try Self.secrets(stack).count > 5)
    }
}
