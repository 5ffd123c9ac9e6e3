import Foundation
import Testing

/// Issue 33: on a fresh machine `scripts/example` prints a line at least every 30 s, and installs none of the packages only
/// the tests use; `scripts/setup --tests` (which `scripts/test` runs) installs those. Runs the real scripts on a
/// `FreshMachine` with the ticker at 1 s instead of 20, so that 1.5 s stands for the 30 s limit and the slow steps last 3 s.
@Suite struct ExampleScriptTests {
    static let testOnly = ["pass", "aiosmtpd", "actionlint", "chromium", "pillow"]

    @Test func theExampleSpeaksAtLeastEveryLimitAndInstallsOnlyWhatItNeeds() throws {
        let machine = try FreshMachine(slow: 3)
        let run = try Self.timed(machine.root + "/repo/scripts/example", in: machine.root + "/repo", environment: machine.environment(every: 1))
        let text = run.lines.map(\.text).joined(separator: "\n")
        #expect(run.status == 3 && text.contains("fake berth: the fresh machine ends here"), "\(text)")
        #expect(!text.contains("command not found") && !text.contains("No such file"), "\(text)")

        // No silence longer than the scaled limit: before the first line, between two lines, after the last.
        let times = [0] + run.lines.map(\.at) + [run.end]
        let gaps = zip(times, times.dropFirst()).map { $1 - $0 }
        #expect(gaps.max() ?? 0 < 1.5, "longest silence \(gaps.max() ?? 0) s:\n\(Self.show(run))")

        // The expected duration comes before the build says anything; the build's own lines come thinned, then its end.
        let estimate = try #require(run.lines.firstIndex { $0.text.contains("building berth") && $0.text.contains("5.5 min") }, "\(text)")
        let building = try #require(run.lines.firstIndex { $0.text.hasPrefix("Building for production") }, "\(text)")
        #expect(estimate < building)
        let steps = run.lines.filter { $0.text.hasPrefix("[") }.map(\.text)
        #expect(steps.first == "[1/14] Compiling BerthCore File1.swift" && steps.count < 14, "\(steps)")
        #expect(text.contains("example: still building berth (") && text.contains("Build complete!"), "\(text)")
        #expect(text.contains("setup: still installing docker.io curl openssl python3-pip ("), "\(text)")

        // What it installed: the main job's packages, none of the tests' own.
        let installs = machine.installs.joined(separator: "\n")
        #expect(installs.contains("docker.io") && installs.contains("python3-pip"), "\(installs)")
        for name in Self.testOnly { #expect(!installs.lowercased().contains(name), "\(name) installed by scripts/example:\n\(installs)") }

        // The test bed comes up with only the images the stack pulls, and so with none of the tests' packages or tools.
        let testbed = try #require(machine.calls.first { $0.hasPrefix("testbed ") })
        #expect(testbed == "testbed up --only " + FreshMachine.renderedImages.joined(separator: " "))
        let list = try Run.program(Run.packageRoot + "/scripts/testbed", ["list", "--only"] + FreshMachine.renderedImages)
        let full = try Run.program(Run.packageRoot + "/scripts/testbed", ["list"])
        #expect(list.status == 0 && full.status == 0, "\(list.output)\(full.output)")
        for word in ["openssh-server", "socat", "apache2-utils", "wrk", "pebble", "sqlite3", "caddy", "restic"] {
            #expect(!list.stdout.contains(word) && full.stdout.contains(word), "\(word):\n\(list.stdout)\n\(full.stdout)")
        }
        #expect(list.stdout.contains("packages: docker.io") && list.stdout.contains("postgresql") && list.stdout.contains("tools: traefik"), "\(list.stdout)")
    }

    @Test func theTestsSetUpInstallsTheTestTools() throws {
        let machine = try FreshMachine(slow: 0)
        let run = try Run.program(machine.root + "/repo/scripts/setup", ["--tests"], in: machine.root + "/repo", environment: machine.environment(every: 1))
        #expect(run.status == 0, "\(run.output)")
        let installs = machine.installs.joined(separator: "\n").lowercased()
        for name in Self.testOnly + ["shellcheck", "jsonschema", "docker.io"] { #expect(installs.contains(name), "\(name) not installed:\n\(installs)") }
        let test = try String(contentsOfFile: Run.packageRoot + "/scripts/test", encoding: .utf8)
        #expect(test.contains("part setup scripts/setup --tests"))
    }

    /// A run's output lines (standard output and error, as a terminal shows them), each with the seconds since the start
    /// at which it came, and the time the run ended.
    struct Timed {
        var status: Int32
        var lines: [(at: Double, text: String)]
        var end: Double
    }

    static func timed(_ path: String, in directory: String, environment: [String: String]) throws -> Timed {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        var lines: [(at: Double, text: String)] = []
        var pending = Data()
        while case let data = pipe.fileHandleForReading.availableData, !data.isEmpty {
            let at = Date().timeIntervalSince(start)
            pending.append(data)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append((at, String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)))
                pending = Data(pending[(newline + 1)...])
            }
        }
        if !pending.isEmpty { lines.append((Date().timeIntervalSince(start), String(decoding: pending, as: UTF8.self))) }
        let status = Run.wait(process)
        return Timed(status: status, lines: lines, end: Date().timeIntervalSince(start))
    }

    static func show(_ run: Timed) -> String { run.lines.map { String(format: "%6.2f ", $0.at) + $0.text }.joined(separator: "\n") }
}
