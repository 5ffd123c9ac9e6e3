import ArgumentParser
import BerthCore

extension Env {
    /// `berth env keys`: which keys each `.env` on the server sets, misses or has extra, without values.
    struct Keys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, per module, the keys of its .env on the target that are set, missing or extra (names only).",
            discussion: "Exit 0, or 1 when a file or a required key is missing."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var environment: EnvironmentOptions
        @Flag(help: "Print the lists as JSON.") var json = false

        func run() async throws {
            let reports = try await ServerEnv(stack: try global.stack(environment, required: true), runner: global.runner()).keys()
            if json {
                try Output.json(reports)
            } else {
                for report in reports {
                    Output.line("\(report.module) (\(report.file)\(report.exists ? "" : ", missing"))")
                    let missing = report.missing.map { report.required.contains($0) ? "\($0) (required)" : $0 }
                    for (label, keys) in [("set", report.set), ("missing", missing), ("extra", report.extra)] where !keys.isEmpty {
                        Output.line("  \(label): \(keys.joined(separator: ", "))")
                    }
                    if !report.keepOffServer.isEmpty {
                        Output.line("  keep a copy off the server too: \(report.keepOffServer.joined(separator: ", ")) (without it no backup can be read)")
                    }
                    if !report.adminOnly.isEmpty {
                        let misplaced = report.adminOnly.filter(report.extra.contains)
                        Output.line(
                            "  only on this machine, from secrets:: \(report.adminOnly.joined(separator: ", ")) (berth backup prune's login, which may delete)"
                                + (misplaced.isEmpty ? "" : "; on the server, where it must not be: \(misplaced.joined(separator: ", "))"))
                    }
                }
            }
            if reports.contains(where: { !$0.exists || !$0.required.isEmpty }) { try ExitStatus.failure.exit() }
        }
    }
}
