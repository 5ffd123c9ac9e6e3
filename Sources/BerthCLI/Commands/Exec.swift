import ArgumentParser
import BerthCore
import Foundation

/// `berth exec`: a command in a service's running container, with this terminal or standard input.
struct Exec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a command in a service's running container.",
        discussion: """
            With a terminal on standard input the command gets one (ssh -t, docker exec -it); without, standard input is \
            passed through. Exit status: the command's; 125 when the service has no running container; 2 for an unknown service.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions
    @Argument(help: "The service, as the compose files name it.") var service: String?
    @Argument(parsing: .postTerminator, help: "The command and its arguments, after `--`.") var command: [String] = []

    func validate() throws {
        if command.isEmpty { throw ValidationError("Missing the command to run, after `--` (berth exec \(service ?? environment.first ?? "SERVICE") -- CMD…)") }
    }

    func run() async throws {
        let (stack, names) = try global.stack(environment, [service].compactMap { $0 })
        guard names.count == 1, let service = names.first else { throw BerthError.usage("missing the service: berth exec [ENV] SERVICE -- CMD…") }
        let status = try await ServiceExec.run(
            stack, service: service, argv: command, terminal: isatty(STDIN_FILENO) == 1, runner: global.runner())
        if status != 0 { throw ExitCode(status) }
    }
}
