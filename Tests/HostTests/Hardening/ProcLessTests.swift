import Foundation
import Testing

/// Without /proc (a bare chroot, a minimal CI container), berth never exits 0 without doing the work.
/// /proc is hidden by a tmpfs in a mount namespace of the test's own.
@Suite(.tags(.root), .needsRoot) struct ProcLessTests {
    @Test func refusesWithAMessageInsteadOfPrintingHelp() throws {
        let project = Scratch.project(name: "procless")
        for _ in 0..<10 {
            let run = try Run.program("/usr/bin/unshare", ["-m", "sh", "-c", "mount -t tmpfs none /proc && exec \"$0\" validate --env local", Run.berthPath], in: project)
            #expect(run.status == 1, "\(run.output)")
            #expect(run.stderr.contains("/proc is not mounted"))
            #expect(!run.output.contains("USAGE"))
        }
        // With /proc, the same command does its work.
        #expect(try Run.berth(["validate", "--env", "local"], in: project).stdout.contains("environment local is valid"))
    }
}
