import ArgumentParser
import BerthCore
import Foundation

extension CI {
    /// `berth ci github`: writes `.github/workflows/berth.yml` beside `berth.yaml`.
    struct GitHub: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "github",
            abstract: "Write .github/workflows/berth.yml: a plan on pull requests, a deploy on push, a scheduled update check.",
            discussion:
                "The server's host key comes from the repository variable BERTH_KNOWN_HOSTS and the deploy key from the secret BERTH_SSH_KEY, written where the environment's ssh: settings name them. A file Berth did not write is only replaced with --force (exit 2 otherwise)."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var environment: EnvironmentOptions
        @Option(help: "The branch whose pushes are deployed.") var branch = "main"
        @Flag(help: "Replace the workflow file even when Berth did not write it.") var force = false

        func run() async throws {
            let config = try global.load()
            let root = global.configDirectory
            let hasSources = FileManager.default.fileExists(atPath: root + "/Package.swift")
            let workflow = try GitHubWorkflow(config, environment: try environment.name(config), root: root, branch: branch, hasSources: hasSources)
            let path = "\(global.configDirectory)/\(GitHubWorkflow.relativePath)"
            if !force, FileManager.default.fileExists(atPath: path) {
                guard let existing = try? String(contentsOfFile: path, encoding: .utf8), GitHubWorkflow.isOurs(existing) else {
                    throw BerthError.usage("\(path): not written by berth ci github; refusing to replace it (use --force)")
                }
            }
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try SecureFile.write(workflow.text, to: path, mode: 0o644)
            Output.line("wrote \(path)")
            for note in workflow.notes { Output.error("note: \(note)") }
        }
    }
}
