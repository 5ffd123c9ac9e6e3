import Foundation
import Testing

/// `berth init` without the test bed: what it refuses, that a refusal writes nothing, and its questions at a terminal.
@Suite struct InitCommandTests {
    static let flags = [
        "--name", "shop", "--domain", "example.org", "--env", "production", "--target", "ssh://deploy@203.0.113.10/opt/services",
        "--release-url", "https://releases.example.org/berth-0.9.0-linux-x86_64.tar.gz", "--release-sha256", String(repeating: "ab", count: 32), "--offline",
    ]

    static func files(_ folder: String) throws -> String {
        try Run.shell("cd \(folder) && find . -type f | sort").stdout
    }

    @Test func withoutATerminalAMissingAnswerIsAnErrorAndNothingIsWritten() throws {
        let folder = Scratch.directory("initmissing")
        let run = try Run.berth(["init", folder, "--name", "shop", "--offline"], input: "")
        #expect(run.status == 2)
        #expect(
            run.stderr.contains("berth init: --domain, --target, --release-url, --release-sha256 are required when standard input is not a terminal (no questions are asked); or give --no-workflow"),
            "\(run.output)")
        #expect(try Self.files(folder).isEmpty)
    }

    @Test func aBadAnswerIsNamedByItsFlagAndNothingIsWritten() throws {
        let folder = Scratch.directory("initbad")
        var flags = Self.flags
        flags[flags.firstIndex(of: "example.org")!] = "example..org"
        flags[flags.firstIndex(of: String(repeating: "ab", count: 32))!] = "ABC"
        let run = try Run.berth(["init", folder] + flags + ["--proxy", "caddy"], input: "")
        #expect(run.status == 2)
        #expect(run.stderr.contains("--domain: "), "\(run.output)")
        #expect(run.stderr.contains("--release-sha256: 'ABC' is not a SHA-256"), "\(run.output)")
        #expect(try Self.files(folder).isEmpty)
        let proxy = try Run.berth(["init", folder] + Self.flags + ["--proxy", "nginx"], input: "")
        #expect(proxy.status == 2)
        #expect(proxy.stderr.contains("--proxy nginx: not one of traefik, caddy"), "\(proxy.output)")
    }

    @Test func itReplacesNothingAndKeepsAnExistingGitignore() throws {
        let folder = Scratch.directory("initagain")
        try "node_modules/\n".write(toFile: folder + "/.gitignore", atomically: true, encoding: .utf8)
        let first = try Run.berth(["init", folder] + Self.flags, input: "")
        #expect(first.status == 0, "\(first.output)")
        #expect(try String(contentsOfFile: folder + "/.gitignore", encoding: .utf8) == "node_modules/\n")
        #expect(first.stderr.contains("\(folder)/.gitignore is kept as it is; add these lines to it: .env *.env !sample.env /deploy/ /.berth/ /.build/"), "\(first.output)")
        let valid = try Run.berth(["-c", folder + "/berth.yaml", "validate", "production"])
        #expect(valid.status == 0, "\(valid.output)")
        let written = try Self.files(folder)
        let before = Scratch.snapshot(folder)
        let second = try Run.berth(["init", folder] + Self.flags, input: "")
        #expect(second.status == 2)
        #expect(second.stderr.contains("\(folder)/berth.yaml: already there; berth init starts a new repository and replaces nothing"), "\(second.output)")
        #expect(Scratch.snapshot(folder) == before)
        #expect(try Self.files(folder) == written)
    }

    /// At a terminal (a pseudo-terminal from util-linux's `script`), each missing answer is asked with its default.
    @Test func atATerminalItAsksWhatNoFlagGave() throws {
        let folder = Scratch.directory("initasked")
        // name (default: the folder's), domain, e-mail (default admin@domain), proxy, identity, backup, environment,
        // target; --no-workflow asks for no release.
        let answers = "\\n" + "example.net\\n\\n" + "caddy\\nauthentik\\nkopia\\n\\n" + "ssh://deploy@203.0.113.10/opt/services\\n"
        let command = "\(Run.berthPath) init \(folder) --no-workflow --offline"
        let run = try Run.shell("printf '\(answers)' | script -qec '\(command)' /dev/null")
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("The domain its routes live under: "), "\(run.output)")
        #expect(run.stdout.contains("Let's Encrypt's contact address [admin@example.net]: "), "\(run.output)")
        let config = try String(contentsOfFile: folder + "/berth.yaml", encoding: .utf8)
        let name = (folder as NSString).lastPathComponent.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" }
        #expect(config.contains("\nname: \(name)\n"), "\(config)")
        #expect(config.contains("\nacme_email: admin@example.net\n"))
        #expect(config.contains("services:\n  caddy: {}\n  authentik: {}\n  kopia: {}\nenvironments:\n  production:\n"), "\(config)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/.github"))
    }

    /// Every proxy, identity provider and backup engine init offers makes a config `berth validate` accepts.
    @Test(arguments: ["traefik", "caddy"], ["authentik", "none"])
    func everyChoiceValidates(_ proxy: String, identity: String) throws {
        for backup in ["restic", "kopia", "none"] {
            let folder = Scratch.directory("initchoice")
            let run = try Run.berth(["init", folder] + Self.flags + ["--proxy", proxy, "--identity", identity, "--backup", backup], input: "")
            #expect(run.status == 0, "\(proxy), \(identity), \(backup): \(run.output)")
            let valid = try Run.berth(["-c", folder + "/berth.yaml", "validate", "production"])
            #expect(valid.status == 0, "\(proxy), \(identity), \(backup): \(valid.output)")
        }
    }
}
