@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// The commands a killed Berth left running are found by the mark in their environment, and keep its lock from
/// being called stale: real processes on this machine's `/proc`.
@Suite struct ChildMarkTests {
    /// A process that ended: its pid, which nothing has now.
    static func deadPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// `sleep` marked as started by Berth process `parent`, as an `ssh` a killed deploy left behind would be.
    static func orphan(of parent: Int32) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["\(ChildMark.variable)=\(parent)", "sleep", "30"]
        try process.run()
        Thread.sleep(forTimeInterval: 0.1)
        return process
    }

    @Test func whatBerthStartsCarriesItsPid() async throws {
        let result = try await ProcessRunner().run(ShellCommand(["sh", "-c", "echo $\(ChildMark.variable)"]), timeout: 10)
        #expect(result.stdout == "\(getpid())\n")
    }

    @Test func aDeadOwnersCommandStillRunningKeepsTheLockFromBeingStale() throws {
        let dead = try Self.deadPid()
        let info = LockInfo(owner: "ci@\(ProcessInfo.processInfo.hostName)", pid: dead, time: "2026-12-05T10:00:00Z", message: "deploy")
        #expect(DeployLock.isStale(info))
        let sleeper = try Self.orphan(of: dead)
        #expect(ChildMark.survivors(of: dead) == [ChildMark.Survivor(pid: sleeper.processIdentifier, program: "sleep")])
        #expect(!DeployLock.isStale(info))
        let named = "that process is gone from this machine, but commands it started still run (pid \(sleeper.processIdentifier) (sleep)), so the lock is not stale yet"
        #expect(DeployLock.describe(info).hasSuffix(named))
        kill(sleeper.processIdentifier, SIGKILL)
        sleeper.waitUntilExit()
        #expect(DeployLock.isStale(info))
        #expect(DeployLock.describe(info).hasSuffix("that process is gone from this machine, so the lock is stale"))
    }

    @Test func anSSHSharedMasterAndOtherOwnersAreNoSurvivors() throws {
        let proc = FileManager.default.temporaryDirectory.appendingPathComponent("proc-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: proc) }
        func entry(_ pid: Int, environ: String, cmdline: String) throws {
            try FileManager.default.createDirectory(atPath: "\(proc)/\(pid)", withIntermediateDirectories: true)
            try Data(environ.utf8).write(to: URL(fileURLWithPath: "\(proc)/\(pid)/environ"))
            try Data(cmdline.utf8).write(to: URL(fileURLWithPath: "\(proc)/\(pid)/cmdline"))
        }
        try entry(10, environ: "PATH=/bin\0BERTH_PARENT=7\0", cmdline: "/usr/bin/ssh\0-o\0BatchMode=yes\0host\0--\0docker compose up -d\0")
        try entry(11, environ: "BERTH_PARENT=7\0", cmdline: "ssh: /tmp/berth-ssh-0/abc-123 [mux]\0\0\0")
        try entry(12, environ: "BERTH_PARENT=77\0", cmdline: "rsync\0")
        try entry(13, environ: "X=BERTH_PARENT=7\0", cmdline: "rsync\0")
        #expect(ChildMark.survivors(of: 7, proc: proc) == [ChildMark.Survivor(pid: 10, program: "ssh")])
    }
}
