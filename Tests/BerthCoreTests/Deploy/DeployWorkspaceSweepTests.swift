import Foundation
import Testing

@testable import BerthCore

/// A deploy killed with SIGKILL leaves its workspace in the temporary folder; the next deploy removes it once its
/// process is gone, and nothing else.
@Suite struct DeployWorkspaceSweepTests {
    /// The pid of a process that has ended: a real `true`, started and waited for.
    static func endedPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func onlyTheWorkspacesOfEndedDeploysGo() throws {
        let folder = NSTemporaryDirectory() + "sweep-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ended = DeployStamp.workspace(pid: try Self.endedPid(), in: folder)
        let mine = DeployStamp.workspace(pid: getpid(), in: folder)
        let running = DeployStamp.workspace(pid: 1, in: folder)
        let others = ["berth-deploy-A1B2C3D4", "berth-drill-\(try Self.endedPid())-x", "notes"].map { folder + "/" + $0 }
        for path in [ended, mine, running] + others {
            try FileManager.default.createDirectory(atPath: path + "/traefik", withIntermediateDirectories: true)
        }
        #expect(ended.hasPrefix(folder + "/berth-deploy-"))
        #expect(DeployStamp.sweepWorkspaces(in: folder) == [ended])
        #expect(!FileManager.default.fileExists(atPath: ended))
        for path in [mine, running] + others { #expect(FileManager.default.fileExists(atPath: path), "\(path)") }
    }
}
