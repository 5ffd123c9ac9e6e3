import Foundation

/// Runs a program here, for module tests that hold a rendered file to a real tool (sqlite3, the schema checker).
public enum Subprocess {
    /// Runs `program` with `arguments`; returns its exit status and its standard output and error together.
    public static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
