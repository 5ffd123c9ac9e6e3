import ServicePlugin

extension DeploySession {
    /// Under `certificates: internal`, issues the certificate of a proxy without a CA of its own (``InternalCertificate``)
    /// when the target's folder lacks one for exactly the routed hosts, or it nears its end; the CA is made once.
    ///
    /// `remotes` are the machines the proxy may run on (a Swarm's nodes that hold its folder): each gets the same CA and
    /// certificate, taken from the first that has a CA.
    func issueInternalCertificate(on remotes: [Remote]? = nil) async throws {
        guard let wanted = internalCertificate else { return }
        let machines = remotes ?? [remote]
        var found: [(Remote, InternalCA)] = []
        for machine in machines {
            let commands = InternalCertificateCommands(remote: machine, directory: wanted.directory)
            let read = try await runner.check(commands.read(), timeout: 30, what: "reading the internal CA in \(wanted.directory) on \(machine.name)")
            found.append((machine, InternalCA(files: InternalCertificateCommands.parse(read.stdout))))
        }
        let base = found.first { $0.1.files[InternalCertificate.rootFile] != nil }?.1 ?? InternalCA(files: [:])
        let files = base.needsIssuing(for: wanted.hosts) ? try base.issuing(for: wanted.hosts) : base.files
        for (machine, ca) in found where ca.files != files {
            let commands = InternalCertificateCommands(remote: machine, directory: wanted.directory)
            try await runner.check(commands.write(files), timeout: 30, what: "writing the internal certificate in \(wanted.directory) on \(machine.name)")
        }
    }

    /// The proxy's ``InternalCertificate``, when it has one.
    var internalCertificate: InternalCertificate? {
        guard let proxy = stack.proxyModule else { return nil }
        return (proxy.definition as? any ReverseProxy)?.internalCertificate(in: proxy.context)
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
