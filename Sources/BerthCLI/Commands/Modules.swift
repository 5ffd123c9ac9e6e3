import ArgumentParser
import BerthCore

/// `berth modules`: what each module declares.
struct Modules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List each module with its images, options, env keys, health checks, backup hooks and routes."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions
    @Flag(help: "Print the list as JSON.") var json = false

    func run() async throws {
        let config = try global.load()
        let entries = try ModuleCatalog.entries(config: config, environment: try environment.name(config))
        if json { return try Output.json(entries) }
        for entry in entries {
            Output.line("\(entry.id)\(entry.enabled ? "" : " (not enabled)"): \(entry.summary)")
            if !entry.provides.isEmpty { Output.line("  provides: " + entry.provides.joined(separator: ", ")) }
            Output.line("  images: " + entry.images.joined(separator: ", "))
            for versions in entry.versions { Output.line("  versions " + versions) }
            for option in entry.options {
                Output.line("  option \(option.name) (\(option.type), default \(option.defaultValue ?? "none")\(option.value.map { ", set to \($0)" } ?? "")): \(option.description)")
            }
            for key in entry.env {
                let flags = [key.required ? "required" : "optional", key.secret ? "secret" : nil, key.generated ? "generated" : nil, key.kind].compactMap { $0 }
                Output.line("  env \(key.name) [\(flags.joined(separator: ", "))]: \(key.description)")
            }
            for check in entry.healthChecks { Output.line("  check " + check) }
            for dump in entry.backup.dumps { Output.line("  backup " + dump) }
            for path in entry.backup.include { Output.line("  backup path " + path) }
            for path in entry.backup.exclude { Output.line("  backup excludes " + path) }
            for route in entry.routes {
                Output.line("  route \(route.name): \(route.hosts.joined(separator: ", ")) -> \(route.target)\(route.protected ? " (protected)" : "")")
            }
            for hardening in entry.hardening {
                Output.line("  hardening \(hardening.service): \(hardening.summary)")
                for relaxed in hardening.relaxed { Output.line("    relaxed \(relaxed.part.rawValue): \(relaxed.reason)") }
            }
        }
    }
}
