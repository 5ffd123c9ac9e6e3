@testable import BerthCore
import Foundation
import Testing

/// A staged copy (`.NAME.berth-PID-RANDOM`, so `..env.berth-…` beside `.env`) that a killed write left beside a file goes at the next write of that file, once its writer is gone;
/// a live writer's copy stays.
@Suite struct SecureFileSweepTests {
    @Test func aDeadWritersCopyGoesAndALiveWritersStays() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/.env"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let dead = "\(folder)/..env.berth-\(process.processIdentifier)-17"
        let live = "\(folder)/..env.berth-1-18"
        let other = "\(folder)/.other.berth-\(process.processIdentifier)-19"
        for file in [dead, live, other] { FileManager.default.createFile(atPath: file, contents: Data("SECRET=x\n".utf8)) }
        try SecureFile.write("KEY=value\n", to: path)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live), "pid 1 runs: its copy may still be renamed in")
        #expect(FileManager.default.fileExists(atPath: other), "only the written file's copies are swept")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "KEY=value\n")
    }
}
