import Foundation

extension Run {
    /// Runs a program with `input` on its standard input (closed after it), or `/dev/null` when nil.
    static func program(_ path: String, _ arguments: [String], in directory: String?, input: String?) throws -> Run {
        guard let input else { return try program(path, arguments, in: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        let writer = stdin.fileHandleForWriting
        DispatchQueue.global().async {
            writer.write(Data(input.utf8))
            try? writer.close()
        }
        // Both pipes are read while the child runs, so it never blocks on a full one.
        let errors = StreamReader(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.waitForEnd(timeout: 60)
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Reads a pipe on a thread of its own as it fills, so a test can look at what arrived so far.
final class StreamReader: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let ended = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.withLock { data.append(chunk) }
            }
            ended.signal()
        }
    }

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

    /// Waits up to `timeout` seconds for end of file; returns what was read.
    @discardableResult
    func waitForEnd(timeout: Double) -> Data {
        _ = ended.wait(timeout: .now() + timeout)
        return lock.withLock { data }
    }

    /// Whether end of file came within `timeout` seconds.
    func ends(within timeout: Double) -> Bool {
        ended.wait(timeout: .now() + timeout) == .success
    }
}
