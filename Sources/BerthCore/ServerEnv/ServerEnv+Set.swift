import Foundation

extension ServerEnv {
    /// What `set` did to the file.
    public enum SetOutcome: String, Sendable, Codable {
        case created, changed, unchanged
    }

    /// Sets one key of one module's `.env` on the server; the value travels on standard input only.
    ///
    /// The key's line is replaced where the file has it (in any form compose reads), else added;
    /// the file is written beside itself and renamed in, mode 0600, owner kept.
    public func set(module: String, key: String, value: String) async throws -> SetOutcome {
        try await write(path: try Self.path(of: module, key: key, in: stack), key: key, line: "\(key)=\(EnvLayout.quoted(value))")
    }

    /// Puts `line` in place of the key's line of the file at `path` on the server, or adds it.
    func write(path: String, key: String, line: String) async throws -> SetOutcome {
        let line = line + "\n"
        let result = try await runner.run(remote.script(ServerEnvScript.set, [path, key], input: Array(line.utf8)), timeout: Double(remote.ssh.connectTimeout) + 30)
        if let outcome = SetOutcome(rawValue: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), result.succeeded { return outcome }
        if result.status == 3 { throw BerthError.usage("\(remote.name):\(path): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))") }
        throw BerthError.failed("env set on \(remote.name) failed (exit \(result.status)): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    /// Refuses an unknown module or key before anyone is asked for a value.
    public func requireKey(module: String, key: String) throws {
        _ = try Self.path(of: module, key: key, in: stack)
    }

    /// The `.env` path for a module's key; an unknown module or key is a usage error naming the known ones.
    static func path(of module: String, key: String, in stack: Stack) throws -> String {
        let modules = stack.modules.filter { !$0.envSchema.isEmpty }
        guard let found = modules.first(where: { $0.id == module }) else {
            throw BerthError.usage("\(module): no module of environment \(stack.environment.name) has this name and an .env (known: \(modules.map(\.id).joined(separator: ", ")))")
        }
        guard found.envSchema.contains(where: { $0.name == key }) else {
            throw BerthError.usage("\(module).\(key): not a key of \(module)'s env schema (known: \(found.envSchema.map(\.name).joined(separator: ", ")))")
        }
        return "\(Remote(stack.environment).root)/\(module)/.env"
    }
}

extension ServerEnvScript {
    /// `$1` the file, `$2` the key; standard input is the whole new `KEY=value` line. Prints created, changed or unchanged.
    static let set = """
        set -eu
        umask 077
        f=$1; key=$2
        if [ -L "$f" ]; then echo "is a symbolic link; Berth never writes through one" >&2; exit 3; fi
        mkdir -p "${f%/*}"
        dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
        cat > "$dir/line"
        if [ ! -e "$f" ]; then
          cat "$dir/line" > "$f.berth-new"; chmod 600 "$f.berth-new"; mv -f "$f.berth-new" "$f"; echo created; exit 0
        fi
        awk -v key="$key" '
          function name(line) { if (!match(line, /^[ \\t]*(export[ \\t]+)?[A-Za-z_][A-Za-z0-9_]*[ \\t]*([=:]|\\r?$)/)) return ""
            line = substr(line, 1, RLENGTH); sub(/^[ \\t]*(export[ \\t]+)?/, "", line); sub(/[ \\t]*([=:]|\\r?$)$/, "", line); return line }
          NR == FNR { new = $0; next }
          name($0) == key { seen++; if (seen == 1) print new; next }
          { print }
          END { if (!seen) print new; if (seen > 1) exit 4 }' "$dir/line" "$f" > "$dir/new" || {
          echo "the key is set more than once; fix the file by hand first" >&2; exit 3; }
        if cmp -s "$dir/new" "$f"; then echo unchanged; exit 0; fi
        cat "$dir/new" > "$f.berth-new"; chmod 600 "$f.berth-new"
        chown --reference="$f" "$f.berth-new" 2>/dev/null || true
        mv -f "$f.berth-new" "$f"; echo changed
        """
}
