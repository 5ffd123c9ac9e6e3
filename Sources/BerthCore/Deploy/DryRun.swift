import ServicePlugin

/// `berth deploy --dry-run`: the exact commands a deploy would run now, without running any that change the target.
///
/// Only reads run for real: the preflight and the live release's record. The deploy itself then
/// runs over a ``RecordingRunner`` answered by a ``SimulatedTarget``, so the transcript is the
/// one a successful deploy would produce, built by the same code.
public struct DryRun: Sendable {
    public let stack: Stack
    public let reader: any CommandRunner
    public let options: DeployOptions

    public init(stack: Stack, reader: any CommandRunner, options: DeployOptions = DeployOptions()) {
        self.stack = stack
        self.reader = reader
        self.options = options
    }

    public func run() async throws -> (report: DeployReport, commands: [ShellCommand]) {
        let remote = Remote(stack.environment)
        // The deploy below validates, once; this preflight is the real one, and its answer names the target's
        // Docker socket, which the simulated deploy then renders with.
        let stack = try await Preflight(remote: remote, runner: reader).run(stack, probing: nil).stack
        let store = ReleaseStore(remote: remote, runner: reader)
        let live = try await store.current().asyncFlatMap { try await store.record($0) }
        let recorder = RecordingRunner(responder: SimulatedTarget(stack: stack, live: live).answer)
        var options = options
        options.skipModuleChecks = true
        options.lockWait = 0
        // The password manager is not asked: the transcript shows where each value would go.
        let secrets = stack.serverSecrets(stack.config.secrets(for: stack.environment.name)) + stack.config.notifyPasswords(for: stack.environment.name)
        options.secrets = secrets.map { ResolvedSecret(secret: $0, value: "***") }
        do {
            let report = try await Deployer(stack: stack, runner: recorder, options: options).deploy()
            return (report, recorder.commands)
        } catch let failure as DeployFailure {
            throw BerthError.failed("dry run: \(failure.description)")
        }
    }
}
