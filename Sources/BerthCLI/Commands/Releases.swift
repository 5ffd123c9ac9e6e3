import ArgumentParser
import BerthCore

/// `berth releases`: the releases recorded on the target.
struct Releases: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the releases recorded on the target, newest last.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: EnvironmentArgument
    @Flag(help: "Print the releases as JSON.") var json = false

    func run() async throws {
        let stack = try global.stack(target.environment)
        let store = ReleaseStore(remote: Remote(stack.environment), runner: ProcessRunner())
        let releases = try await store.list()
        let current = try await store.current()
        if json { return try Output.json(ReleaseList(current: current, releases: releases)) }
        if releases.isEmpty { return Output.line("no releases recorded on \(target.environment)") }
        for release in releases {
            let mark = release.id == current ? "*" : " "
            let failed = release.failure.map { "  FAILED: \(Validators.quoted($0.split(separator: "\n").first.map(String.init) ?? "", limit: 120))" } ?? ""
            Output.line("\(mark) \(release.id)  \(release.time)  \(release.commit ?? "no commit")  by \(release.deployedBy)\(failed)")
        }
    }

    struct ReleaseList: Encodable {
        var current: String?
        var releases: [Release]
    }
}
