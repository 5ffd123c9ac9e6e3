import ArgumentParser
import BerthCore
import Foundation

/// `berth init`'s answers: each from its flag, else asked at the terminal with a default, else an error.
struct InitAnswers: ParsableArguments {
    @Option(help: "The stack's name, its compose project (default: the folder's name).") var name: String?
    @Option(help: "The domain routes live under (<subdomain>.<domain>).") var domain: String?
    @Option(name: .customLong("acme-email"), help: "Let's Encrypt's contact address (default: admin@<domain>).") var acmeEmail: String?
    @Option(help: "The reverse proxy: traefik or caddy (default: traefik).") var proxy: String?
    @Option(help: "The identity provider: authentik or none (default: none).") var identity: String?
    @Option(help: "The backup engine: restic, kopia or none (default: restic).") var backup: String?
    @Option(name: .customLong("env"), help: "The first environment's name (default: production).") var environment: String?
    @Option(help: "Where that environment deploys: ssh://user@host/path or file:path.") var target: String?
    @Option(name: .customLong("known-hosts"), help: "The known_hosts file that holds the server's host key (default: ssh's own).") var knownHosts: String?
    @Option(name: .customLong("identity-file"), help: "The private key that logs in to the server (default: ssh's own).") var identityFile: String?
    @Option(name: .customLong("data-root"), help: "The server's folder for persistent data (default: /opt/docker-volumes).") var dataRoot: String?
    @Option(name: .customLong("scratch-root"), help: "The server's folder for data never backed up (default: /opt/docker-volumes-no-backup).")
    var scratchRoot: String?
    @Option(name: .customLong("dumps-dir"), help: "The server's folder for database dumps (default: /opt/db-backups).") var dumpsDir: String?
    @Option(name: .customLong("release-url"), help: "The berth release tarball the workflow installs (https:// or file:///).") var releaseURL: String?
    @Option(name: .customLong("release-sha256"), help: "That tarball's SHA-256, from its .sha256 file.") var releaseSHA256: String?
    @Flag(name: .customLong("no-workflow"), help: "Write no GitHub workflow (then no release is needed).") var noWorkflow = false

    /// The new stack, asking for what no flag gave when `ask` is set (standard input is a terminal).
    func stack(folder: String, ask: Bool) throws -> NewStack {
        var missing: [String] = []
        func answer(_ value: String?, _ flag: String, _ question: String, default fallback: String?) -> String {
            if let value { return value }
            if ask, let typed = Self.ask(question, default: fallback) { return typed }
            if let fallback { return fallback }
            missing.append(flag)
            return ""
        }
        let folderName = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" }
        let name = answer(self.name, "--name", "The stack's name (its compose project)", default: folderName.isEmpty ? nil : folderName)
        let domain = answer(self.domain, "--domain", "The domain its routes live under", default: nil)
        // Without a domain there is no default address to offer, and the missing domain is the one to name.
        let email = answer(acmeEmail, "--acme-email", "Let's Encrypt's contact address", default: domain.isEmpty ? "" : "admin@\(domain)")
        let proxy = answer(self.proxy, "--proxy", "The reverse proxy (traefik, caddy)", default: NewStack.Proxy.traefik.rawValue)
        let identity = answer(self.identity, "--identity", "The identity provider (authentik, none)", default: NewStack.Identity.none.rawValue)
        let backup = answer(self.backup, "--backup", "The backup engine (restic, kopia, none)", default: NewStack.BackupEngine.restic.rawValue)
        let environment = answer(self.environment, "--env", "The first environment", default: "production")
        let target = answer(self.target, "--target", "Where \(environment) deploys (ssh://user@host/path)", default: nil)
        var url = releaseURL
        var sha256 = releaseSHA256
        if !noWorkflow, url == nil || sha256 == nil {
            url = answer(url, "--release-url", "The berth release the workflow installs (URL of its .tar.gz)", default: nil)
            sha256 = answer(sha256, "--release-sha256", "Its SHA-256 (from its .sha256 file)", default: nil)
        }
        guard missing.isEmpty else {
            throw BerthError.usage(
                "berth init: \(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") required"
                    + (ask ? "" : " when standard input is not a terminal (no questions are asked)") + (missing.contains("--release-url") ? "; or give --no-workflow" : ""))
        }
        var stack = NewStack(name: name, domain: domain, acmeEmail: email, target: target)
        stack.proxy = try Self.choice(proxy, "--proxy")
        stack.identity = try Self.choice(identity, "--identity")
        stack.backup = try Self.choice(backup, "--backup")
        stack.environment = environment
        stack.knownHosts = knownHosts
        stack.identityFile = identityFile
        stack.dataRoot = dataRoot ?? stack.dataRoot
        stack.scratchRoot = scratchRoot ?? stack.scratchRoot
        stack.dumpsDir = dumpsDir ?? stack.dumpsDir
        if !noWorkflow, let url, let sha256 { stack.release = BerthRelease(url: url, sha256: sha256) }
        return stack
    }

    /// One of an enumeration's values, or a usage error naming the flag and the choices.
    static func choice<Value: RawRepresentable & CaseIterable>(_ text: String, _ flag: String) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            throw BerthError.usage("\(flag) \(Validators.quoted(text)): not one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// Asks on standard error and reads one line; an empty line takes the default, end of input gives nil.
    static func ask(_ question: String, default fallback: String?) -> String? {
        FileHandle.standardError.write(Data((question + (fallback.map { " [\($0)]" } ?? "") + ": ").utf8))
        guard let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) else { return nil }
        return line.isEmpty ? fallback : line
    }
}
