import Foundation

/// Runs a program and captures what it printed.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String

    var output: String { stdout + stderr }

    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// `../shared` beside the project.
    static let shared = (packageRoot as NSString).deletingLastPathComponent + "/shared"

    /// The built `berth`, next to the test bundle.
    static let berthPath: String = {
        if let path = ProcessInfo.processInfo.environment["BERTH_BIN"] { return path }
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDirectory.appendingPathComponent("berth").path, bundleDirectory.deletingLastPathComponent().appendingPathComponent("berth").path, packageRoot + "/.build/debug/berth"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return packageRoot + "/.build/debug/berth"
    }()

    /// Waits for `process` to end and returns its status as `terminationStatus` gives it (a signal's number, when one ended it).
    ///
    /// Foundation's `waitUntilExit` can miss the end of a child when several end at once (seen here: a `sh` left a
    /// zombie while a paused Berth and a load client ran beside it, and the wait never returned); the child is
    /// reaped here too, whichever of the two sees it first.
    static func wait(_ process: Process) -> Int32 {
        let pid = process.processIdentifier
        var status: Int32 = 0
        while process.isRunning {
            if waitpid(pid, &status, WNOHANG) == pid {
                let signal = status & 0x7f
                return signal == 0 ? (status >> 8) & 0xff : signal
            }
            usleep(10_000)
        }
        return process.terminationStatus
    }

    static func berth(_ arguments: [String], in directory: String? = nil, input: String? = nil) throws -> Run {
        try program(berthPath, arguments, in: directory, input: input)
    }

    static func program(_ path: String, _ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil, input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        // Read both pipes before waiting, so a chatty child never blocks on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        return Run(status: wait(process), stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `sh -c` for tools found on PATH (python3, docker).
    static func shell(_ command: String, in directory: String? = nil) throws -> Run {
        try program("/bin/sh", ["-c", command], in: directory)
    }
}

/// Temporary folders and file helpers for command tests.
enum Scratch {
    /// The folders this test process made, removed when it exits (a failed test's output names what it saw).
    private final class Made: @unchecked Sendable {
        let lock = NSLock()
        var paths: [String] = []
        init() {
            atexit { Scratch.made.removeAll() }
        }
        func add(_ path: String) { lock.withLock { paths.append(path) } }
        func removeAll() {
            for path in lock.withLock({ paths }) { try? FileManager.default.removeItem(atPath: path) }
        }
    }
    private static let made = Made()

    static func directory(_ name: String = #function) -> String {
        let path = NSTemporaryDirectory() + "berth-host-\(name.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        removeAtExit(path)
        return path
    }

    /// Removes `path` too when the test process exits: a folder a test keeps beside its scratch folder.
    static func removeAtExit(_ path: String) { made.add(path) }

    /// A folder holding a copy of the example `berth.yaml`, optionally edited.
    static func project(_ edit: (String) -> String = { $0 }, name: String = #function) -> String {
        let root = directory(name)
        let example = try! String(contentsOfFile: Run.packageRoot + "/berth.yaml", encoding: .utf8)
        try! edit(example).write(toFile: root + "/berth.yaml", atomically: true, encoding: .utf8)
        return root
    }

    /// Every file below a folder with its bytes, for "nothing changed" checks.
    static func snapshot(_ root: String) -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: root)
        while let path = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(root)/\(path)", isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = FileManager.default.contents(atPath: "\(root)/\(path)")
            }
        }
        return result
    }
}
