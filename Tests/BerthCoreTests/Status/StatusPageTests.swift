import Foundation
import ServicePlugin
import Testing

@testable import BerthCore

@Suite struct StatusPageTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A report with a hostile value in every field a server or registry could fill.
    static func report(hostile: String = "<script>alert('x')</script>&\"") -> StatusReport {
        let release = Release(id: "20270115-0800", time: "2027-01-15T08:00:00Z", environment: "production", commit: "abc123", checksum: "sum", images: [], deployedBy: "ci\(hostile)")
        let update = ImageUpdate(
            module: "planka", image: "app", services: ["planka"], repository: "ghcr.io/plankanban/planka", queried: "ghcr.io/plankanban/planka", current: "2.0.0",
            source: .moduleDefault, patch: ImageUpdate.Candidate(tag: "2.0.1", supported: true, migrations: []), minor: nil, major: nil, newBuild: false, deployedDigest: nil,
            registryDigest: nil, notes: [hostile], error: nil)
        return StatusReport(
            project: "tangram", environment: "production", target: "ssh://deploy@tangram-orchestre.fr/opt/services", generated: now,
            modules: ["traefik", "planka", "kopia"],
            checks: [
                CheckResult(module: "planka", check: "http", status: .ok, latencyMs: 12, message: "200 in 12 ms"),
                CheckResult(module: "traefik", check: "routes", status: .fail, latencyMs: 3, message: hostile),
            ],
            backups: StatusReport.Backups(
                dumps: [BackupCatalog.Dump(module: "planka", file: "planka.dump", sizeBytes: 4096, time: now.addingTimeInterval(-3 * 3600))],
                newestSnapshot: EngineSnapshot(id: "k1\(hostile)", source: "/data", time: now.addingTimeInterval(-7200), sizeBytes: 1 << 20), snapshots: 3,
                lastDrill: DrillRecord(time: now.addingTimeInterval(-86400 * 3), drilled: ["planka/planka"])),
            releases: ReleaseHistory(current: "20270115-0800", releases: [release]),
            updates: UpdateReport(environment: "production", release: nil, images: [update], registries: [.init(host: "ghcr.io", repositories: 1, requests: 2, error: hostile)], warnings: []),
            updatesError: nil)
    }

    @Test func everyValueIsEscaped() {
        #expect(StatusPage.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        let html = StatusPage(Self.report()).html
        #expect(!html.contains("<script"))
        #expect(!html.contains("alert('x')"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
    }

    @Test func sectionsAndValuesArePresent() {
        let html = StatusPage(Self.report()).html
        for id in ["modules", "checks", "backups", "releases", "updates"] { #expect(html.contains("<section id=\"\(id)\">"), "\(id)") }
        for module in ["traefik", "planka", "kopia"] { #expect(html.contains("<span class=\"module\">\(module)</span>")) }
        #expect(html.contains("<span class=\"badge fail\">1 failed</span>"))
        #expect(html.contains("<td class=\"fail\">fail</td>"))
        #expect(html.contains("<td>planka/planka.dump</td><td>2027-01-15T05:00:00Z</td><td>3 h</td><td>4.0 KiB</td>"))
        #expect(html.contains("<td>last restore drill</td><td>planka/planka</td><td>2027-01-12T08:00:00Z</td><td>3 d</td>"))
        #expect(html.contains("<td class=\"ok\">live</td><td>20270115-0800</td>"))
        #expect(html.contains("<td>2.0.1</td>"))
        #expect(html.contains("<p class=\"fail\">registry ghcr.io: "))
    }

    @Test func nothingIsFetched() throws {
        let html = StatusPage(Self.report(hostile: "https://evil.example/x.js")).html
        let fetching = try Regex(#"(src|href)\s*=|@import|url\(|<script|<link|<iframe|<img"#).ignoresCase()
        #expect(html.firstMatch(of: fetching) == nil)
    }

    @Test func partsThatCouldNotBeReadAreShown() {
        var report = Self.report()
        report.backups = StatusReport.Backups(error: "listing the snapshots failed (exit 1)", drillError: nil)
        report.updates = nil
        report.updatesError = "no registry answered"
        let html = StatusPage(report).html
        #expect(html.contains("<p class=\"fail\">could not list the backups: listing the snapshots failed (exit 1)</p>"))
        #expect(html.contains("No restore drill recorded"))
        #expect(html.contains("<p class=\"fail\">could not check for updates: no registry answered</p>"))
        report.backups = nil
        #expect(StatusPage(report).html.contains("The environment has no backup engine."))
        #expect(report.text.contains("none: the environment has no backup engine"))
    }

    @Test func textHasEverySection() {
        let text = Self.report().text
        #expect(text.hasPrefix("tangram production (ssh://deploy@tangram-orchestre.fr/opt/services) at 2027-01-15T08:00:00Z\n\nchecks: 1 failed, 0 warnings, 1 ok\n"))
        #expect(text.contains("  dump planka/planka.dump  3 h old  4.0 KiB"))
        #expect(text.contains("  last restore drill 3 d ago (2027-01-12T08:00:00Z): planka/planka"))
        #expect(text.contains("\nreleases\n* 20270115-0800".replacingOccurrences(of: "* ", with: "  * ")))
        #expect(text.contains("\nupdates\n"))
    }
}
