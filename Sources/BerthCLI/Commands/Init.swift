import ArgumentParser
import BerthCore
import Foundation

/// `berth init`: starts a stack repository that holds the stack's description and nothing of Berth's sources.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a stack repository: berth.yaml, berth.lock, berth.schema.json, .gitignore and the GitHub workflow.",
        discussion: """
            Each answer comes from its flag; at a terminal, what no flag gives is asked, with its default in brackets. \
            Without a terminal a missing answer is an error (exit 2). Nothing is replaced: a folder that already holds \
            berth.yaml, berth.lock, berth.schema.json or the workflow is refused. When the target's engine already runs a \
            compose project, init says so and points to `berth adopt`.
            """
    )

    @Argument(help: "The repository's folder (made when missing).") var folder = "."
    @OptionGroup var answers: InitAnswers
    @Flag(help: "Do not look at the target for compose projects already running there.") var offline = false
    @Flag(help: "Print what was written as JSON.") var json = false

    func run() async throws {
        let folder = URL(fileURLWithPath: self.folder).standardizedFileURL.path
        let stack = try answers.stack(folder: folder, ask: isatty(STDIN_FILENO) == 1)
        let (config, files) = try stack.files(in: folder, schema: ConfigSchema.json(registry: .standard))
        var report = try NewStack.write(files, into: folder)
        if !offline, let environment = config.environments.first {
            let found = await RunningProjects.look(on: environment, runner: ProcessRunner())
            report.running = found.running
            report.notes += found.notes
        }
        if json { return try Output.json(report) }
        for path in report.written { Output.line("wrote \((folder as NSString).appendingPathComponent(path))") }
        for note in report.notes { Output.error("note: \(note)") }
        Output.line("next: `berth validate`, then `berth env init --env \(stack.environment)` and `berth deploy \(stack.environment)` (or commit and push: the workflow deploys)")
    }
}
