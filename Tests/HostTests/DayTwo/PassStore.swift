import Foundation

/// A real `pass` password store (Debian's `pass`, with gpg) in a scratch folder, with its own gpg home.
struct PassStore {
    let home: String
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["GNUPGHOME"] = home + "/gnupg"
        environment["PASSWORD_STORE_DIR"] = home + "/store"
        return environment
    }

    init() throws {
        home = Scratch.directory("pass")
        try FileManager.default.createDirectory(atPath: home + "/gnupg", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try run("gpg --batch --pinentry-mode loopback --passphrase '' --quick-gen-key 'Berth Test <pass@berth.test>' default default never")
        try run("pass init pass@berth.test")
    }

    /// Stores `value` under `name`, as `pass insert -m` reads it from standard input.
    func insert(_ name: String, _ value: String) throws {
        try run("printf '%s\\n' \"$1\" | pass insert -m \"$2\"", value, name)
    }

    /// Output goes to a file: the gpg-agent that gpg starts keeps any inherited pipe open for good.
    func run(_ script: String, _ arguments: String...) throws {
        let log = home + "/log"
        let result = try Run.program("/bin/sh", ["-c", "{ \(script); } >\"$0\" 2>&1 </dev/null", log] + arguments, environment: environment)
        guard result.status == 0 else { throw PassError.failed("\(script): \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")") }
    }

    /// Stops the gpg-agent this store started.
    func stop() {
        _ = try? Run.program("/usr/bin/gpgconf", ["--kill", "gpg-agent"], environment: environment)
    }

    enum PassError: Error { case failed(String) }
}
