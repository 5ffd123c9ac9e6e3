import Foundation
import Testing

/// `env init` writes every `.env` or none: a module folder that turns out read-only half-way
/// (a real read-only bind mount, in a mount namespace of the test's own) leaves the earlier files as they were.
@Suite(.tags(.root), .needsRoot) struct EnvInitHalfWayTests {
    @Test func aReadOnlyFolderHalfWayWritesNothing() throws {
        let project = try BadInputCorpusTests.project()
        // authentik comes before kopia: both miss a key, so init would write authentik first.
        try Files.replace(project + "/deploy/local/authentik/.env", "\nPG_PASS=", "\n# PG_PASS=")
        try Files.replace(project + "/deploy/local/kopia/.env", "\nKOPIA_WEB_PASSWORD=", "\n# KOPIA_WEB_PASSWORD=")
        let before = TreeSnapshot(project)
        let kopia = project + "/deploy/local/kopia"
        let run = try Run.program(
            "/usr/bin/unshare", ["-m", "sh", "-c", "mount --bind -o ro \"$1\" \"$1\" && exec \"$2\" env init --env local --dir deploy/local", "sh", kopia, Run.berthPath], in: project)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stderr.contains("deploy/local/kopia/.env: cannot write (Read-only file system)"), "\(run.stderr)")
        #expect(before.changes(to: TreeSnapshot(project)) == [])
        #expect(!run.output.contains(BadInput.marker))
    }
}
