import Foundation

extension StatusPage {
    var checks: String {
        let counts = report.checkCounts
        var html = "<section id=\"checks\"><h2>Checks</h2><p>"
        html += "<span class=\"badge fail\">\(counts.fail) failed</span><span class=\"badge warn\">\(counts.warn) warnings</span><span class=\"badge ok\">\(counts.ok) ok</span></p>"
        if let error = report.checksError { html += Self.problem("could not run the checks: \(error)") }
        let rows = report.checks.map { [$0.module, $0.check, $0.status.rawValue, "\($0.latencyMs) ms", $0.message] }
        if !rows.isEmpty { html += Self.table(["module", "check", "status", "latency", "message"], rows, classes: [2: { $0 }]) }
        return html + "</section>"
    }

    var backups: String {
        var html = "<section id=\"backups\"><h2>Backups</h2>"
        guard let backups = report.backups else { return html + "<p>The environment has no backup engine.</p></section>" }
        if let error = backups.error { html += Self.problem("could not list the backups: \(error)") }
        var rows = backups.dumps.map { ["dump", "\($0.module)/\($0.file)", Self.stamp($0.time), report.age($0.time), [BackupStep].size($0.sizeBytes)] }
        if let snapshot = backups.newestSnapshot {
            rows.append([
                "newest snapshot (\(backups.snapshots) in all)", snapshot.id, Self.stamp(snapshot.time), report.age(snapshot.time), snapshot.sizeBytes.map([BackupStep].size) ?? "-",
            ])
        }
        if let drill = backups.lastDrill {
            rows.append(["last restore drill", drill.drilled.joined(separator: ", "), Self.stamp(drill.time), report.age(drill.time), "-"])
        }
        if !rows.isEmpty { html += Self.table(["what", "name", "time", "age", "size"], rows) }
        if backups.newestSnapshot == nil, backups.error == nil { html += Self.problem("no snapshot yet") }
        if backups.lastDrill == nil {
            html += backups.drillError.map(Self.problem) ?? "<p class=\"warn\">No restore drill recorded: berth backup verify records one.</p>"
        }
        return html + "</section>"
    }

    var releases: String {
        var html = "<section id=\"releases\"><h2>Releases</h2>"
        if let error = report.releasesError { html += Self.problem("could not read the releases: \(error)") }
        if let history = report.releases {
            let rows = history.releases.reversed().map { release in
                [
                    release.id == history.current ? "live" : (release.failed ? "failed" : ""), release.id, release.time, release.commit ?? "-", release.deployedBy,
                    release.failure.map { String($0.split(separator: "\n").first ?? "") } ?? "",
                ]
            }
            html += rows.isEmpty ? "<p>None recorded.</p>" : Self.table(["", "release", "time", "commit", "by", "failure"], rows, classes: [0: { $0 == "live" ? "ok" : "fail" }])
        }
        return html + "</section>"
    }

    var updates: String {
        var html = "<section id=\"updates\"><h2>Pending updates</h2>"
        if let error = report.updatesError { html += Self.problem("could not check for updates: \(error)") }
        if let updates = report.updates {
            let cell = { (candidate: ImageUpdate.Candidate?) in candidate.map { $0.tag + ($0.supported ? ($0.migrations.isEmpty ? "" : " !") : " ✗") } ?? "-" }
            let rows = updates.images.map { image in
                [
                    image.module, image.repository, image.current + (image.newBuild ? " (new build)" : ""), cell(image.patch), cell(image.minor), cell(image.major),
                    (image.notes + (image.error.map { ["error: \($0)"] } ?? [])).joined(separator: " "),
                ]
            }
            html += "<p>\(Self.escape(updates.summary))</p>"
            if !rows.isEmpty { html += Self.table(["module", "image", "current", "patch", "minor", "major", "notes"], rows) }
            for registry in updates.registries where registry.error != nil { html += Self.problem("registry \(registry.host): \(registry.error!)") }
            for warning in updates.warnings { html += "<p class=\"warn\">\(Self.escape(warning))</p>" }
        }
        return html + "</section>"
    }
}
