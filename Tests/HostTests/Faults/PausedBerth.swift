import Foundation

/// `berth ARGUMENTS` in the background, stopped at a fault point (``FaultPoint`` in BerthCore) until the test lets
/// it go or kills it: the fault happens at a known moment, not after a guessed delay.
final class PausedBerth {
    let process = Process()
    let file: String
    let outputFile: String

    /// `input`, when given, is Berth's standard input (a value `env set` reads).
    init(_ arguments: [String], in project: String, at point: String, input: String? = nil) throws {
        let folder = Scratch.directory("pause")
        file = folder + "/point"
        outputFile = folder + "/output"
        FileManager.default.createFile(atPath: outputFile, contents: nil)
        process.executableURL = URL(fileURLWithPath: Run.berthPath)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: project)
        var environment = ProcessInfo.processInfo.environment
        environment["BERTH_PAUSE_AT"] = point
        environment["BERTH_PAUSE_FILE"] = file
        process.environment = environment
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputFile))
        process.standardOutput = output
        process.standardError = output
        if let input {
            let inputFile = folder + "/input"
            FileManager.default.createFile(atPath: inputFile, contents: Data(input.utf8))
            process.standardInput = FileHandle(forReadingAtPath: inputFile)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
    }

    /// Waits until Berth stands at the point; false when it ended, or the time ran out, first.
    func reached(within seconds: Double = 180) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: file + ".reached") { return true }
            if !process.isRunning { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// SIGKILL, as a dead laptop or an OOM killer would: no clean-up of Berth's runs.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        _ = Run.wait(process)
    }

    /// Lets Berth go on from the point, and waits for it to end.
    func resume() -> (status: Int32, output: String) {
        FileManager.default.createFile(atPath: file + ".go", contents: nil)
        return (Run.wait(process), output)
    }

    /// What it printed, standard output and error together.
    var output: String { (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "" }
}
