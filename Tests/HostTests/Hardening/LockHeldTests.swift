import Foundation
import Testing

/// `backup run` and `backup restore` take the deploy lock, so a deploy can never restart a database
/// mid-dump; while a deploy holds it they refuse, name the holder, and leave the lock as it was.
@Suite struct LockHeldTests {
    @Test func backupsWaitForNoDeploy() throws {
        let project = Scratch.project(name: "lockheld")
        let lock = project + "/.berth/local/.berth/lock"
        try FileManager.default.createDirectory(atPath: lock, withIntermediateDirectories: true)
        let owner = #"{"message":"deploy in progress","owner":"ci@runner","pid":4242,"time":"2026-12-01T05:00:00Z"}"#
        try Files.write(owner + "\n", to: lock + "/owner")
        for arguments in [["backup", "run", "--env", "local"], ["backup", "restore", "planka", "--env", "local", "--yes"]] {
            let run = try Run.berth(arguments, in: project)
            #expect(run.status == 1, "\(arguments): \(run.output)")
            #expect(run.stderr.contains("the deploy lock of local:\(project)/.berth/local is held: by ci@runner (pid 4242)"), "\(run.stderr)")
            #expect(try Files.read(lock + "/owner") == owner + "\n")
        }
    }
}
