import ServicePlugin

/// `backup.sh` in the rendered tree: what `berth backup run` does, as a script the server's cron runs daily.
///
/// The dumps run right before the snapshot, in one script, so they can never drift hours apart;
/// each dump uses the same checked `.partial`-then-rename steps as `berth backup run`.
public enum BackupScript {
    /// The tree file, or nil when there is nothing to back up: no engine and no dump.
    ///
    /// A stack without an engine of its own (staging beside production) still dumps its databases nightly.
    public static func render(_ stack: Stack) -> String? {
        guard stack.backsUp else { return nil }
        let engine = stack.backupTool
        let hooks = stack.modules.flatMap { module in module.backup.hooks.map { (module.id, $0) } }
        let exec = { (service: String, argv: [String]) in ShellQuote.line(["docker", "compose", "exec", "-T", service] + argv) }
        var lines = [
            "#!/bin/sh",
            "# Rendered by Berth: the scheduled backup of \(stack.context.name), as `berth backup run` does it.",
            engine.map { "# Dumps first, the \($0.module.id) snapshot right after them; after-hooks always. Exit 1 on any failure." }
                ?? "# Dumps only: no module of this stack takes snapshots. Exit 1 on any failure.",
            "set -u",
            "PATH=/usr/local/bin:/usr/bin:/bin",
            "cd \"$(dirname \"$0\")\" || exit 3",
            "root=$(pwd) status=0 before=0",
            "log() { echo \"$(date -u +%Y-%m-%dT%H:%M:%SZ) $*\"; }",
            // Each step's own output is dropped (a dump prints its size); its errors go to the log.
            "failed=",
            "step() { name=$1; shift; if \"$@\" >/dev/null; then log \"$name ok\"; else log \"$name FAILED (exit $?)\"; status=1; failed=\"$failed $name;\"; return 1; fi; }",
            "DUMP=$(cat <<'BERTH_DUMP'",
            DumpScript.text,
            "BERTH_DUMP",
            ")",
            "MANIFEST=$(cat <<'BERTH_MANIFEST'",
            FileManifest.script,
            "BERTH_MANIFEST",
            ")",
            "log \"backup of \(stack.context.name) started\"",
        ]
        for (moduleID, hook) in hooks where hook.phase == .before {
            lines.append("step \(ShellQuote.quote("hook \(moduleID)/before \(hook.name)")) \(exec(hook.service, hook.argv)) || before=1")
        }
        lines.append("if [ \"$before\" = 0 ]; then")
        for module in stack.modules {
            for dump in module.backup.dumps {
                let arguments = [
                    DumpScript.directory(stack.context, module: module.id), DumpScript.fileName(dump), dump.service, dump.user, dump.database, stack.context.name,
                ]
                lines.append("  step \(ShellQuote.quote("dump \(module.id)/\(dump.database)")) sh -c \"$DUMP\" berth \"$root\" \(ShellQuote.line(arguments))")
            }
        }
        if let (module, engine) = engine {
            lines.append("  release=$(cat .berth/current 2>/dev/null || echo none)")
            lines.append("  step 'manifest berth/files' sh -c \"$MANIFEST\" berth \(ShellQuote.line(FileManifest.arguments(stack))) &&")
            let snapshot = exec(engine.service, engine.snapshotCommand(tags: ["release": "BERTH_RELEASE"], exclude: stack.backupExclusions)).replacingOccurrences(
                of: "BERTH_RELEASE", with: "\"$release\"")
            lines.append("  step \(ShellQuote.quote("snapshot \(module.id)/sources")) \(snapshot)")
            if let copy = engine.copyCommand {
                lines.append("  [ \"$status\" != 0 ] || step \(ShellQuote.quote("copy \(module.id)/backup_copy_to")) \(exec(engine.service, copy))")
            }
        }
        lines.append("fi")
        for (moduleID, hook) in hooks where hook.phase == .after {
            lines.append("step \(ShellQuote.quote("hook \(moduleID)/after \(hook.name)")) \(exec(hook.service, hook.argv))")
        }
        // Folders a migration retired (Authentik's Redis) were kept for a backup like this one.
        lines.append(#"if [ "$status" = 0 ] && [ -f .berth/retired ]; then"#)
        lines.append("  " + MigrationCommands.deleteRetiredLine + #"; log "retired folders deleted""#)
        lines.append("fi")
        lines.append("log \"backup of \(stack.context.name) finished, exit $status\"")
        lines += notifyLines(stack)
        lines.append("exit $status")
        return lines.joined(separator: "\n") + "\n"
    }

    /// On failure, `notify/notify.sh` (curl, no Berth needed) says which steps failed, and that the backups are stale
    /// when the last good run is more than 26 hours old; a good run is remembered in `.berth/backup-ok`.
    static func notifyLines(_ stack: Stack) -> [String] {
        guard stack.config.notify(for: stack.environment.name).contains(where: { $0.events.contains(.backup) }) else { return [] }
        let name = "\(stack.context.name)/\(stack.environment.name)"
        return [
            "if [ \"$status\" = 0 ]; then mkdir -p .berth && touch .berth/backup-ok; else",
            "  title=\"backup of \(name) failed\"",
            "  if [ -z \"$(find .berth/backup-ok -mmin -1560 2>/dev/null)\" ]; then title=\"backups of \(name) are stale: the last good one is over 26 hours old or missing\"; fi",
            "  passwords=notify/.env; [ -f \"$passwords\" ] || passwords=/dev/null",
            "  sh notify/notify.sh backup \"$title\" \"failed steps:$failed see the backup log on $(hostname)\" < \"$passwords\"",
            "fi",
        ]
    }

    /// The crontab line that runs it at `time` (HH:MM, server time), tagged so a deploy replaces only its own line.
    public static func cronLine(_ stack: Stack, time: String, root: String) -> String {
        let parts = time.split(separator: ":")
        let minute = Int(parts.last ?? "0") ?? 0, hour = Int(parts.first ?? "5") ?? 5
        return "\(minute) \(hour) * * * cd \(ShellQuote.quote(root)) && sh ./backup.sh >> .berth/backup.log 2>&1 \(cronTag(stack))"
    }

    /// The comment that marks this stack's line in the crontab.
    public static func cronTag(_ stack: Stack) -> String {
        "# berth backup \(stack.context.name)"
    }

    /// Installs (or, with `line` nil, removes) this stack's line in the deploy user's crontab.
    static let installScript = """
        tag=$1 line=$2
        command -v crontab >/dev/null || { echo "no crontab on this server: install cron, or set backup_schedule: off" >&2; exit 5; }
        # Each edit rewrites the whole crontab: two stacks deploying to one server at once take turns, or one line is lost.
        exec 8>"${TMPDIR:-/tmp}/berth-crontab-$(id -u).lock" && flock 8
        # The tag ends its line; matching it there keeps `…tangram` from taking `…tangram-staging`'s line.
        current=$(crontab -l 2>/dev/null | awk -v t=" $tag" 'length($0) < length(t) || substr($0, length($0) - length(t) + 1) != t')
        { [ -z "$current" ] || printf '%s\\n' "$current"; [ -z "$line" ] || printf '%s\\n' "$line"; } | crontab -
        """
}
