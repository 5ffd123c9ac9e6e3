import ArgumentParser
import BerthCore
import Foundation

extension Db {
    /// `berth db upgrade`: a module's PostgreSQL to a newer major, or back to the kept folder.
    struct Upgrade: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "upgrade",
            abstract: "Move a module's PostgreSQL to a newer major (--to), verified and reversible; or back to the folder it kept (--rollback).",
            discussion: """
                Checks first (the folder's PG_VERSION, the target image's binary, free disk for the new cluster and the dump): \
                a refusal changes nothing. Then, under the deploy lock: stops the module's apps, counts every table's rows, \
                starts the new major on a folder beside the old one and streams each database into it (pg_dump -Fc, kept in \
                <dumps_dir>/<module>/upgrade-<service>-pg<major>/), counts again and compares, swaps the folders (the old one \
                stays as <folder>.pg<old>) and pins the new tag in berth.lock; a deploy then starts the module and runs its \
                checks. A failure before the swap leaves the old major serving; a deploy that fails after it returns to the \
                kept folder. --rollback returns to the kept folder later (what was written since stays in the folder moved aside).
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var environment: EnvironmentOptions
        @Argument(help: "The module whose database moves.") var module: String?
        @Option(help: "The PostgreSQL major to move to.") var to: Int?
        @Option(help: "The database's service or name, when the module has several.") var database: String?
        @Flag(help: "Return to the folder the last upgrade kept.") var rollback = false
        @Option(help: "Bytes to keep free beside the data folder after the copy (K, M, G, T suffixes).") var keepFree: String = "256M"
        @Option(help: "Seconds the deploy's health gate waits.") var timeout: Double = 120
        @Option(help: "Seconds to wait for another deploy's lock.") var lockWait: Double = 0
        @Flag(help: "Print the report as JSON.") var json = false

        func validate() throws {
            try ArgumentRules.seconds(timeout, "--timeout")
            try ArgumentRules.wait(lockWait, "--lock-wait")
            guard ByteCount.parse(keepFree) != nil else { throw ValidationError("--keep-free: '\(keepFree)' is not a size such as 512M or 2G") }
            if rollback && to != nil { throw ValidationError("--rollback returns to the kept folder; it takes no --to") }
            if !rollback && to == nil { throw ValidationError("missing --to MAJOR (or --rollback)") }
        }

        func run() async throws {
            let (stack, names) = try global.stack(environment, [module].compactMap { $0 }, required: true)
            guard names.count == 1, let module = names.first else { throw BerthError.usage("missing the module: berth db upgrade [ENV] MODULE --to MAJOR") }
            var options = DeployOptions(timeout: timeout, lockWait: lockWait, commit: await global.gitCommit())
            let target = stack.environment.name
            options.secrets = try await SecretResolver(runner: global.runner()).resolve(stack.serverSecrets(stack.config.secrets(for: target)) + stack.config.notifyPasswords(for: target))
            var upgrader = DatabaseUpgrader(stack: stack, runner: global.runner(), progress: TerminalProgress(), deploy: options)
            upgrader.keepFree = ByteCount.parse(keepFree)!
            upgrader.faults = Set((ProcessInfo.processInfo.environment["BERTH_FAULT"] ?? "").split(separator: ",").map(String.init))
            do {
                let report = try await rollback ? upgrader.rollback(module: module, database: database) : upgrader.upgrade(module: module, database: database, to: to!)
                if json { return try Output.json(report) }
                Output.line(report.text)
            } catch let failure as UpgradeFailure {
                if json { try Output.json(failure.report) } else { Output.error(failure.report.text) }
                throw BerthError.failed(failure.message)
            }
        }
    }
}
