import ArgumentParser
import BerthCore
import ServicePlugin

extension Update {
    /// `berth update check`: newer versions of every image, from the registries.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "List newer patch, minor and major versions of every module's images, and new builds of floating tags.",
            discussion:
                "Registries are queried at once through the OCI distribution API (anonymous tokens, or the logins in the Docker config file), through the environment's registry_mirror when it has one. Exit 0, or 3 with --detailed-exitcode when updates are available; 1 when a registry could not be read (the others are still reported)."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var update: UpdateOptions
        @Argument(help: "Modules to check (default: all).") var modules: [String] = []
        @Option(name: .customLong("image"), help: "Also check this image reference (REPOSITORY:TAG), which no module runs.") var images: [String] = []
        @Flag(help: "Exit 3 when updates are available.") var detailedExitcode = false
        @Flag(help: "Print the report as JSON.") var json = false

        func run() async throws {
            let (stack, modules) = try global.stack(update.environment, self.modules)
            let extra = try images.map(Self.reference)
            let report = try await UpdateChecker.report(stack, modules: modules, extra: extra, options: update.registryOptions, runner: global.runner(), progress: TerminalProgress())
            if json { try Output.json(report) } else { Output.line(report.text) }
            try report.exitStatus(detailed: detailedExitcode).exit()
        }

        /// `REPOSITORY:TAG` as given to `--image`.
        static func reference(_ text: String) throws -> ImageRef {
            let slash = text.lastIndex(of: "/") ?? text.startIndex
            guard let colon = text[slash...].lastIndex(of: ":"), colon != text.startIndex,
                Validators.isImageTag(String(text[text.index(after: colon)...]))
            else {
                throw BerthError.usage("--image \(text): must be REPOSITORY:TAG, e.g. docker.io/library/postgres:16-alpine")
            }
            return ImageRef(repository: String(text[..<colon]), tag: String(text[text.index(after: colon)...]))
        }
    }
}
