import Foundation
import ServicePlugin

extension HTTPProber {
    /// GETs `url` with the server's curl from inside a rootless engine's network namespace, where container
    /// addresses are; from the host (or through SSH's forward) they lead nowhere, or to another engine's container.
    ///
    /// The deploy user owns that namespace, so `nsenter` needs no privilege. A credential goes to curl on
    /// standard input (`-H @-`), never on its command line.
    func fetchInNamespace(
        _ url: String, shown: String, namespace: String, remote: Remote, expecting probe: HTTPProbe, secrets: (String, String)?, slowAfterMs: Int
    ) async throws -> (CheckResult.Status, String) {
        let header = secrets.map { "Authorization: \(RegistryCredentials.basicAuthorization($0.0, $0.1))\n" } ?? ""
        var command = remote.script(Self.namespaceScript, [namespace, url])
        command.input = Array(header.utf8)
        let start = Date()
        let result = try await runner.run(command, timeout: 30)
        let elapsed = Int(Date().timeIntervalSince(start) * 1000)
        guard result.succeeded, let newline = result.stdout.lastIndex(of: "\n"), let status = Int(result.stdout[result.stdout.index(after: newline)...]) else {
            let reason = result.status == 127 ? "curl is not installed on the server" : result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            return (.fail, "GET \(shown) (in the rootless engine's network): \(reason.isEmpty ? "exit \(result.status)" : reason)")
        }
        return Self.evaluate(status: status, body: String(result.stdout[..<newline]), elapsed: elapsed, shown: shown, probe: probe, slowAfterMs: slowAfterMs)
    }

    /// `$1` the engine's pid file, `$2` the URL; prints the body, a newline and the status code.
    static let namespaceScript = """
        pid=$(cat "$1") || exit 3
        command -v curl >/dev/null || exit 127
        exec nsenter -U --preserve-credentials -n -t "$pid" curl -sS -m 10 -H @- -o - -w '\\n%{http_code}' "$2"
        """
}
