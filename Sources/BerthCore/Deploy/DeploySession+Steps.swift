import Foundation
import ServicePlugin

extension DeploySession {
    /// Creates missing persistent and scratch folders, owned by the service's user (existing ones are left alone).
    ///
    /// Under rootless Docker (`userNamespace`: the engine's pid file) the owner is set inside the engine's user
    /// namespace, where the container's uid is the one it writes with; no root on the host is needed. A stack that
    /// will schedule backups first checks the server has `crontab`, so that the schedule step cannot fail after the gate.
    func prepareCommand(userNamespace: String? = nil) -> ShellCommand {
        let owners = stack.folderOwners
        let script =
            #"[ -z "$1" ] || command -v crontab >/dev/null || { echo "no crontab on this server: install cron, or set backup_schedule: off" >&2; exit 5; }"#
            + "\n" + #"userns=$2; shift 2; own() { if [ -n "$userns" ]; then nsenter -U --preserve-credentials -t "$(cat "$userns")" chown "$1" "$2"; else chown "$1" "$2"; fi; }"#
            + "\n" + #"while [ "$#" -gt 1 ]; do [ -d "$1" ] || { mkdir -p "$1" && own "$2" "$1"; } || exit 1; shift 2; done"#
        let arguments = [cronLine == nil ? "" : "cron", userNamespace ?? ""] + owners.keys.sorted().flatMap { [$0, owners[$0]!] }
        return remote.script(script, arguments)
    }

    /// Puts this stack's line in the deploy user's crontab (or takes it out under `backup_schedule: off`).
    func scheduleCommand() -> ShellCommand {
        remote.script(BackupScript.installScript, [BackupScript.cronTag(stack), cronLine ?? ""])
    }

    /// Runs ``prepareCommand(userNamespace:)``.
    func prepareDirectories(userNamespace: String?) async throws {
        let result = try await runner.run(prepareCommand(userNamespace: userNamespace), timeout: 60)
        guard result.succeeded else {
            let what = result.status == 5 ? "scheduling backups" : "creating data folders"
            throw BerthError.failed("\(what) on \(remote.name): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// This stack's daily `backup.sh` line, or nil when `backup_schedule: off` or there is nothing to back up.
    var cronLine: String? {
        stack.config.backupSchedule.flatMap { time in
            // A stack without an engine of its own (one sharing another's proxy) still dumps its databases nightly.
            stack.backsUp ? BackupScript.cronLine(stack, time: time, root: remote.root) : nil
        }
    }

    /// `update.sh`'s steps after its pull, as commands: build, `up -d --remove-orphans`, prune.
    ///
    /// ``pullImages()`` does the pull. Build runs only when a service has a build context, and prune only when
    /// images changed: each is a round trip to the server that would do nothing.
    ///
    /// With `keepingOrphans`, `up` leaves the containers of services no longer rendered: a migration retires them
    /// once the new release passed its gate.
    func updateCommands(prune: Bool, keepingOrphans: Bool = false) -> [(step: UpdateStep, command: ShellCommand)] {
        let builds = stack.modules.contains { $0.fragment.services.contains { $0.build != nil } }
        let wanted: Set<UpdateStep> = Set([.up] + (builds ? [.build] : []) + (prune ? [.prune] : []))
        return UpdateScript.steps.filter(wanted.contains).map { step in
            let argv = keepingOrphans && step == .up ? step.argv.filter { $0 != "--remove-orphans" } : step.argv
            return (step, remote.changing(argv.map(ShellCommand.Argument.plain), in: remote.root))
        }
    }

    /// Pulls (``pullImages()``) and runs ``updateCommands(prune:)``, rolling out first the stateless apps among `changed` services;
    /// returns whether any container was created, recreated, started or removed.
    @discardableResult
    func update(pull: Bool, prune: Bool, changed services: Set<String> = [], keepingOrphans: Bool = false) async throws -> Bool {
        let live = Rollout.services(stack, timeout: options.timeout)
        let rollouts = live.filter { $0.rollsOut && services.contains($0.service) }
        var changed = !rollouts.isEmpty
        if pull { try await pullImages() }
        for (step, command) in updateCommands(prune: prune, keepingOrphans: keepingOrphans) {
            if step == .up {
                // Stateless apps first, beside their running containers; `up` then finds them up to date.
                try await rollOut(rollouts)
            }
            let result = try await runner.check(command, timeout: 900, what: step.argv.joined(separator: " "))
            if step == .up {
                changed = changed || Self.upChangedContainers(result.stdout + result.stderr)
                // Containers `up` created have no live alias yet: the proxy reaches them only once attached.
                for service in live {
                    try await runner.check(service.attachCommand(remote), timeout: 60, what: "attaching \(service.service) to the proxy")
                }
            }
        }
        return changed
    }

    /// Whether `docker compose up` output names a container it created, recreated, started, stopped or removed
    /// (`Running`, `Waiting` and `Healthy` lines are about containers left as they were).
    static func upChangedContainers(_ output: String) -> Bool {
        output.split(separator: "\n").contains { line in
            let words = line.split(separator: " ")
            return words.first == "Container" && words.count >= 3 && ["Created", "Recreated", "Started", "Stopped", "Removed"].contains(String(words.last!))
        }
    }

    /// The modules' own health checks (as `berth check --direct` runs them), retried until none fails or time is up.
    ///
    /// `seen` is the gate's last look at the containers, for the first round.
    func moduleChecks(until deadline: Date, seen: (any RunningState)? = nil) async throws {
        let checks = CheckRunner(stack: stack, runner: runner, options: CheckOptions(direct: true, deployGate: true))
        let start = Date()
        var seen = seen
        while true {
            let failures = try await checks.run(seen: seen).filter { $0.status == .fail }
            seen = nil
            if failures.isEmpty { return }
            let failing = failures.map { "\($0.module)/\($0.check): \($0.message)" }.joined(separator: "; ")
            if Date() >= deadline { throw BerthError.failed("health gate: checks failing: " + failing) }
            progress.note("health", "waiting for checks: \(failing), \(Int(Date().timeIntervalSince(start))) s")
            try await Task.sleep(nanoseconds: 2_000_000_000)
        }
    }

    /// Each image of the stack with the digest the engine pulled, when it knows one.
    func imageDigests() async throws -> [Release.Image] {
        let result = try await runner.run(imageInspectCommand(), timeout: 60)
        return Self.digests(references: imageReferences, inspect: result.stdout)
    }

    /// Every image of the stack, once, sorted.
    var imageReferences: [String] { Self.imageReferences(stack) }

    /// Every image of `stack`, once, sorted.
    static func imageReferences(_ stack: Stack) -> [String] {
        Array(Set(stack.modules.flatMap { $0.fragment.services.compactMap { $0.image?.description } })).sorted()
    }

    /// `docker image inspect` of every image, one JSON list of repo digests a line.
    func imageInspectCommand() -> ShellCommand {
        remote.command([.plain("docker"), "image", "inspect", "--format", "{{json .RepoDigests}}"] + imageReferences.map(ShellCommand.Argument.plain))
    }

    /// Pairs each reference with the digest the engine lists for its repository (lines in reference order).
    static func digests(references: [String], inspect stdout: String) -> [Release.Image] {
        let lines = stdout.split(separator: "\n").map(String.init)
        return references.enumerated().map { index, reference in
            let digests = index < lines.count ? (try? JSONDecoder().decode([String].self, from: Data(lines[index].utf8))) ?? [] : []
            let pin = reference.firstIndex(of: "@") ?? reference.endIndex
            let repository = reference[..<pin].split(separator: ":").dropLast().joined(separator: ":")
            // A pinned reference (`repo:tag@sha256:…`) is its own digest.
            if pin != reference.endIndex { return Release.Image(reference: reference, digest: repository + reference[pin...]) }
            return Release.Image(reference: reference, digest: digests.first { $0.hasPrefix(repository + "@") } ?? digests.first)
        }
    }
}
