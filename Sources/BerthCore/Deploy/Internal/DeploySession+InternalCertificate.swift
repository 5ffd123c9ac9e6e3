import ServicePlugin

extension DeploySession {
    /// Under `certificates: internal`, issues the certificate of a proxy without a CA of its own (``InternalCertificate``)
    /// when the target's folder lacks one for exactly the routed hosts, or it nears its end; the CA is made once.
    func issueInternalCertificate() async throws {
        guard let proxy = stack.modules.first(where: { $0.definition.provides.contains(.reverseProxy) }),
            let wanted = (proxy.definition as? any ReverseProxy)?.internalCertificate(in: proxy.context)
        else { return }
        let commands = InternalCertificateCommands(remote: remote, directory: wanted.directory)
        let read = try await runner.check(commands.read(), timeout: 30, what: "reading the internal CA in \(wanted.directory)")
        let ca = InternalCA(files: InternalCertificateCommands.parse(read.stdout))
        guard ca.needsIssuing(for: wanted.hosts) else { return }
        try await runner.check(commands.write(try ca.issuing(for: wanted.hosts)), timeout: 30, what: "writing the internal certificate in \(wanted.directory)")
    }
}

/// The commands that read and write the folder of an ``InternalCertificate`` on the target; keys travel on standard input only.
struct InternalCertificateCommands {
    let remote: Remote
    let directory: String

    static let names = [InternalCertificate.rootFile, InternalCertificate.rootKeyFile, InternalCertificate.certificateFile, InternalCertificate.keyFile]

    /// Prints each file there is as `==> NAME` and its text.
    func read() -> ShellCommand {
        remote.script(#"cd "$1" 2>/dev/null || exit 0; shift; for f in "$@"; do [ ! -f "$f" ] || { echo "==> $f"; cat "$f"; }; done"#, [directory] + Self.names)
    }

    /// Writes the files from standard input, each private to the owner, each renamed into place once whole.
    func write(_ files: [String: String]) -> ShellCommand {
        let text = Self.names.compactMap { name in files[name].map { "==> \(name)\n\($0)" } }.joined()
        let script = #"""
            set -eu
            umask 077
            mkdir -p "$1"
            cd "$1"
            awk '/^==> / { out = $2 ".new"; next } { print > out }'
            for f in *.new; do mv "$f" "${f%.new}"; done
            """#
        return remote.script(script, [directory], input: Array(text.utf8))
    }

    /// The files ``read()`` printed, by name.
    static func parse(_ output: String) -> [String: String] {
        var files: [String: String] = [:]
        var current: String?
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("==> ") {
                current = String(line.dropFirst(4))
                files[current!] = ""
            } else if let name = current {
                files[name]! += line + "\n"
            }
        }
        return files.mapValues { $0.hasSuffix("\n\n") ? String($0.dropLast()) : $0 }
    }
}
