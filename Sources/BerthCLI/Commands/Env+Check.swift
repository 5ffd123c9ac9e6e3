import ArgumentParser
import BerthCore
import Foundation

extension Env {
    /// `berth env check`: every `.env` against its `sample.env`, as `file:line: message`.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Compare every .env with its sample.env: missing, extra, duplicate, empty or ill-typed keys, undeclared ${VAR}s.",
            discussion: "Works on any deploy tree, from any directory; values are never printed. Exits 1 on any problem."
        )

        @Option(help: "The deploy tree to check (default: the current directory).") var dir: String = "."
        @Flag(help: "Print the problems as JSON.") var json = false

        func run() async throws {
            let problems = try EnvChecker(root: dir).check()
            if json {
                try Output.json(problems)
            } else {
                for problem in problems { Output.line(problem.description) }
                if problems.isEmpty { Output.line("\(dir): every .env matches its sample.env") }
            }
            if !problems.isEmpty { try ExitStatus.failure.exit() }
        }
    }
}
