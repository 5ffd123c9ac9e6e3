import Foundation
import ServicePlugin

extension Deployer {
    /// Creates missing persistent and scratch folders, owned by the service's user; existing ones are left alone.
    func prepareDirectories() async throws {
        var owners: [String: String] = [:]
        for module in stack.modules {
            for service in module.fragment.services {
                for mount in service.volumes where mount.role == .data || mount.role == .scratch {
                    owners[mount.source] = service.user ?? "0:0"
                }
            }
        }
        owners[stack.context.dumpsDir] = owners[stack.context.dumpsDir] ?? "0:0"
        // One round trip: this stack's line in the deploy user's crontab ($1, $2), then the folders.
        let script = BackupScript.installScript
            + "\n" + #"shift 2; while [ "$#" -gt 1 ]; do [ -d "$1" ] || { mkdir -p "$1" && chown "$2" "$1"; } || exit 1; shift 2; done"#
        let arguments = [BackupScript.cronTag(stack), cronLine ?? ""] + owners.keys.sorted().flatMap { [$0, owners[$0]!] }
        let result = try await runner.run(remote.script(script, arguments), timeout: 60)
        guard result.succeeded else {
            let what = result.status == 5 ? "scheduling backups" : "creating data folders"
            throw BerthError.failed("\(what) on \(remote.name): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// This stack's daily `backup.sh` line, or nil when `backup_schedule: off` or no module provides a backup engine.
    var cronLine: String? {
        stack.config.backupSchedule.flatMap { time in
            stack.backupEngine == nil ? nil : BackupScript.cronLine(stack, time: time, root: remote.root)
        }
    }

    /// `update.sh`'s steps as commands: pull, build, `up -d --remove-orphans`, prune.
    ///
    /// Build runs only when a service has a build context, and prune only when images changed:
    /// each is a round trip to the server that would do nothing.
    /// Returns whether `up` created, recreated, started or removed any container.
    @discardableResult
    func update(pull: Bool, prune: Bool) async throws -> Bool {
        let builds = stack.modules.contains { $0.fragment.services.contains { $0.build != nil } }
        var changed = false
        for argv in UpdateScript.steps {
            if argv.contains("pull") && !pull || argv.contains("build") && !builds || argv.contains("prune") && !prune { continue }
            let result = try await runner.check(remote.command(argv.map(ShellCommand.Argument.plain), in: remote.root), timeout: 900, what: argv.joined(separator: " "))
            if argv.contains("up") { changed = Self.upChangedContainers(result.stdout + result.stderr) }
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
    func pluginChecks(until deadline: Date) async throws {
        let engine = CheckEngine(stack: stack, runner: runner, options: CheckOptions(direct: true, deployGate: true))
        while true {
            let failures = try await engine.run().filter { $0.status == .fail }
            if failures.isEmpty { return }
            if Date() >= deadline {
                throw BerthError.failed("health gate: checks failing: " + failures.map { "\($0.plugin)/\($0.check): \($0.message)" }.joined(separator: "; "))
            }
            try await Task.sleep(nanoseconds: 2_000_000_000)
        }
    }

    /// Each image of the stack with the digest the engine pulled, when it knows one.
    func imageDigests() async throws -> [Release.Image] {
        let references = Array(Set(stack.modules.flatMap { $0.fragment.services.compactMap { $0.image?.description } })).sorted()
        let result = try await runner.run(remote.command([.plain("docker"), "image", "inspect", "--format", "{{json .RepoDigests}}"] + references.map(ShellCommand.Argument.plain)), timeout: 60)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        return references.enumerated().map { index, reference in
            let digests = index < lines.count ? (try? JSONDecoder().decode([String].self, from: Data(lines[index].utf8))) ?? [] : []
            let repository = reference.split(separator: ":").dropLast().joined(separator: ":")
            return Release.Image(reference: reference, digest: digests.first { $0.hasPrefix(repository + "@") } ?? digests.first)
        }
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    /// Sortable by time, unique enough for one target: `20261126T191500Z-3f9a`.
    static func releaseID() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: Date()) + "-" + String(format: "%04x", UInt16.random(in: 0...UInt16.max))
    }

    static func lockInfo(_ message: String) -> LockInfo {
        let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "uid\(getuid())"
        return LockInfo(owner: "\(user)@\(ProcessInfo.processInfo.hostName)", pid: getpid(), time: now(), message: message)
    }
}
