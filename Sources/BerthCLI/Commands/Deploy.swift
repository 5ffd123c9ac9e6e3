import ArgumentParser
import BerthCore

/// `berth deploy`: ship an environment and keep it healthy.
struct Deploy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render, check and deploy an environment; roll back by itself when the new release is not healthy.",
        discussion: """
            Steps: validate; preflight (SSH host key, Docker and Compose v2 or a Swarm manager, rsync, required .env keys, \
            foreign containers on the stack's ports and folders, database majors); render for the engine found; the plan, \
            and a skip when the live release already runs it (--force runs every step); lock; the secrets: commands' values \
            into .env; sync (never .env files); prepare (folders, node labels); update (pull, build, up -d --remove-orphans, \
            image prune; docker stack deploy on Swarm); health gate; schedule backups; record the release. Each app's tag \
            (or --tag) is resolved to its digest first, and the render pins it, so a rollback returns to exactly those \
            images. If update or health fail, the previous release's files are restored and started again.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions
    @OptionGroup var appTags: AppTagOptions
    @Option(help: "Seconds the health gate waits for every container.") var timeout: Double = 120
    @Option(help: "Seconds to wait for another deploy's lock.") var lockWait: Double = 0
    @Option(help: "A note stored with the lock.") var message: String = ""

    func validate() throws {
        try ArgumentRules.seconds(timeout, "--timeout")
        try ArgumentRules.wait(lockWait, "--lock-wait")
    }
    @Option(help: "Take over this running compose project (see `berth adopt`): dump and count its databases, stop it, start this stack on the same folders, compare; give it back on any failure.")
    var adopt: String?
    @Flag(help: "Leave a failed release in place for debugging.") var noRollback = false
    @Flag(help: "Run every step even when the live release already runs what would be deployed.") var force = false
    @Flag(help: "Print every command the deploy would run, without changing the target (only the preflight and the live release are read).")
    var dryRun = false
    @Flag(help: "Print a summary as JSON.") var json = false

    func run() async throws {
        let target = try global.environment(environment, required: true)
        // The deploy validates the stack, once, and takes the target's Docker socket from its own preflight.
        let stack = try await appTags.taggedStack(global, environment: target)
        var options = DeployOptions(timeout: timeout, lockWait: lockWait, noRollback: noRollback, message: message, commit: await global.gitCommit())
        options.force = force
        options.adopt = adopt
        options.configText = try? String(contentsOfFile: global.config, encoding: .utf8)
        if dryRun {
            let (report, commands) = try await DryRun(stack: stack, reader: global.runner(), options: options).run()
            for warning in report.warnings { Output.error(warning) }
            if json { return try Output.json(DryRunReport(plan: report.plan, commands: commands.map(\.display))) }
            return Output.line(Transcript.text(commands) + "dry run: nothing was changed on \(target)")
        }
        // Each command runs once: the mail notifiers' passwords also go to the server, for backup.sh.
        let secrets = stack.serverSecrets(stack.config.secrets(for: target)) + stack.config.notifyPasswords(for: target)
        options.secrets = try await SecretResolver(runner: global.runner()).resolve(secrets)
        let notifier = Notifier(stack: stack, runner: global.runner(), resolved: options.secrets)
        do {
            let report = try await Deployer(stack: stack, runner: global.runner(), options: options, progress: TerminalProgress()).deploy()
            if report.unchanged {
                if json { return try Output.json(report) }
                return Output.line("no changes: \(target) runs release \(report.release ?? "?")")
            }
            await notifier.send(.deploy, title: "deployed \(target): release \(report.release ?? "?")", message: DeployNotice.success(report))
            if json { return try Output.json(report) }
            Output.line("deployed \(target): release \(report.release ?? "?")")
        } catch let failure as DeployFailure {
            await notifier.send(.rollback, title: DeployNotice.failureTitle(failure.report), message: failure.description)
            if json { try Output.json(failure.report) }
            throw BerthError.failed(failure.description)
        }
    }

    struct DryRunReport: Encodable {
        var plan: Plan?
        var commands: [String]
    }
}
