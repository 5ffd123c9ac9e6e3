import ArgumentParser
import BerthCore
import Foundation

/// `berth status`: checks, backups, releases and pending updates of a deployed environment, as text, JSON or a page.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a deployed environment at a glance: module checks, backups and the last restore drill, releases, pending updates.",
        discussion:
            "The checks run as berth check runs them. A part that cannot be read (a registry that fails, a target without releases) is shown with its error; the others still are. --html writes one self-contained page (inline CSS, nothing fetched), atomically. Exit 0 once the report is out; berth check is the gate."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var update: UpdateOptions
    @Option(help: "Seconds each check may take.") var checkTimeout: Double = 5
    @Flag(help: "Reach HTTP checks on the containers' own addresses instead of their public hostnames.") var direct = false
    @Option(help: "Also write the report as one HTML page to this file.") var html: String?
    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws {
        try ArgumentRules.seconds(checkTimeout, "--check-timeout")
        if let html, html.isEmpty || html.hasSuffix("/") { throw ValidationError("--html needs a file name, got '\(html)'") }
    }

    func run() async throws {
        let stack = try global.stack(update.environment)
        let report = await StatusReport.gather(
            stack, runner: global.runner(), checks: CheckOptions(timeout: checkTimeout, direct: direct), registry: update.registryOptions)
        if let html {
            try SecureFile.write(StatusPage(report).html, to: html, mode: 0o644)
            Output.error("wrote \(html)")
        }
        if json { try Output.json(report) } else { Output.line(report.text) }
    }
}
