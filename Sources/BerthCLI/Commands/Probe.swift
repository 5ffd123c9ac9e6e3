import ArgumentParser
import BerthCore
import Foundation

/// `berth probe`: check URLs given by hand, with the rules of `berth check`.
struct Probe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check HTTP(S) URLs from this machine, all at once, with the timeouts and rules of berth check.",
        discussion:
            "For endpoints no module declares, such as an external status page. URLs come as arguments or one per line from --file (- for standard input). Exit 0 when all are ok, 1 on any failure, 2 on usage errors."
    )

    @Argument(help: "URLs to check.") var urls: [String] = []
    @Option(help: "Read more URLs from this file, one per line (- for standard input).") var file: String?
    @Option(help: "An expected status; repeat for several (default: 200).") var expect: [Int] = []
    @Option(help: "Seconds each URL may take.") var timeout: Double = 5
    @Option(help: "Milliseconds after which an answer is a warning.") var slowAfter = 2000

    @Flag(help: "Treat warnings as failures.") var strict = false
    @Flag(help: "Print the results as JSON.") var json = false

    func validate() throws {
        try ArgumentRules.seconds(timeout, "--timeout")
        try ArgumentRules.count(slowAfter, "--slow-after", 1...86_400_000)
        for code in expect { try ArgumentRules.count(code, "--expect", 100...599) }
    }

    func run() async throws {
        let all = urls + (try file.map(Self.read) ?? [])
        guard !all.isEmpty else { throw ValidationError("give at least one URL, as an argument or with --file") }
        let checker = URLChecker(options: CheckOptions(timeout: timeout, slowAfterMs: slowAfter), expectStatus: expect.isEmpty ? [200] : expect)
        let results = try await checker.run(all)
        if json { try Output.json(results) } else { Output.line(results.table) }
        try results.exitStatus(strict: strict).exit()
    }

    /// The non-empty, non-comment lines of `path`.
    static func read(_ path: String) throws -> [String] {
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data, let text = String(data: data, encoding: .utf8) else { throw BerthError.usage("\(path): cannot read the URL list") }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}
