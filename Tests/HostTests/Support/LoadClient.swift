import Foundation

/// `Support/load.py` against one HTTPS URL for a fixed time, in the background: the zero-downtime tests' client.
struct LoadClient {
    let process = Process()
    let output = Pipe()

    /// Starts it: `resolve` is curl's `HOST:PORT:ADDRESS`, `caFile` the proxy's root certificate, nil to verify none.
    init(url: String, resolve: String, caFile: String?, seconds: Int, threads: Int) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Run.packageRoot + "/Tests/HostTests/Support/load.py", url, "--resolve", resolve, "--cacert", caFile ?? "-",
            "--seconds", String(seconds), "--threads", String(threads),
        ]
        process.standardOutput = output
        try process.run()
    }

    /// The client's summary now: it stops at the last whole second, before its time is up.
    func stop() throws -> [String: Any] {
        if process.isRunning { process.terminate() }
        return try result()
    }

    /// The client's summary once its time is up.
    func result() throws -> [String: Any] {
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}
