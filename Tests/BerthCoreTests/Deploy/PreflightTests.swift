import BerthCore
import Foundation
import ServicePlugin
import Testing

/// Preflight's key reader runs for real against `.env` files in a local folder (a `file:` target);
/// only `docker` is replaced, by a stub on PATH, since the engine is not the point here.
@Suite struct PreflightTests {
    func target(envs: [String: String]) throws -> (Stack, String) {
        let root = Fixtures.temporaryDirectory("preflight")
        let text = Fixtures.exampleText.replacingOccurrences(of: "file:.berth/local", with: "file:\(root)")
        let stack = try Fixtures.stack(text, environment: "local")
        for (module, contents) in envs { Fixtures.write(contents, to: "\(root)/\(module)/.env", mode: 0o600) }
        return (stack, root)
    }

    func run(_ stack: Stack) async throws {
        // A runner that puts a fake `docker` first on PATH, answering the version questions.
        let bin = Fixtures.temporaryDirectory("fakebin")
        Fixtures.write("#!/bin/sh\ncase \"$*\" in *compose*) echo 2.26.1;; *) echo 28.2.2;; esac\n", to: "\(bin)/docker", mode: 0o755)
        let runner = PathRunner(prefix: bin)
        try await Preflight(remote: Remote(stack.environment), runner: runner).run(stack)
    }

    static let complete = [
        "authentik": "PG_PASS=a\nAUTHENTIK_SECRET_KEY=b\nPLANKA_OIDC_CLIENT_ID=c\nPLANKA_OIDC_CLIENT_SECRET=d\n",
        "planka": "SECRET_KEY=a\nDB_PASSWORD=b\nOIDC_CLIENT_ID=c\nexport OIDC_CLIENT_SECRET = \"d\"\n",
        "kopia": "KOPIA_PASSWORD=a\nKOPIA_WEB_USERNAME=admin\nKOPIA_WEB_PASSWORD=b\nKOPIA_CONTROL_USERNAME=c\nKOPIA_CONTROL_PASSWORD=d\n",
        "watchtower": "WATCHTOWER_NOTIFICATION_URL=\n",
    ]

    @Test func passesWhenEveryRequiredKeyHasAValue() async throws {
        let (stack, _) = try target(envs: Self.complete)
        try await run(stack)
    }

    @Test func namesTheFileAndKeyOfEveryMissingSecret() async throws {
        var envs = Self.complete
        envs["planka"] = "SECRET_KEY=\nDB_PASSWORD=\"\"\nOIDC_CLIENT_ID=c\nOIDC_CLIENT_SECRET=d\n"
        envs["kopia"] = nil
        let (stack, root) = try target(envs: envs)
        await #expect {
            try await run(stack)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("\(root)/planka/.env: SECRET_KEY is missing or empty")
                && text.contains("\(root)/planka/.env: DB_PASSWORD is missing or empty")
                && text.contains("\(root)/kopia/.env: missing; create it on the server with `berth env init --env ")
                && !text.contains("OIDC_CLIENT_SECRET")
        }
    }
}

/// Runs commands with an extra folder first on PATH.
struct PathRunner: CommandRunner {
    let prefix: String

    func run(_ command: ShellCommand, timeout: Double?) async throws -> CommandResult {
        let path = prefix + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let wrapped = ShellCommand([.plain("env"), .plain("PATH=\(path)")] + command.argv, in: command.workingDirectory, input: command.input)
        return try await ProcessRunner().run(wrapped, timeout: timeout)
    }
}
