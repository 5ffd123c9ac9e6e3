import Foundation

extension BadInput {
    /// berth.lock: every shape the reader must refuse, each named with berth.lock:LINE.
    static let lockCases: [BadInput] = [
        lock("pinz typo", "version: 1\npinz:\n  planka: { app: \"2.1.0\" }\n", "berth.lock:2: unknown key 'pinz'"),
        lock("pins as a list", "version: 1\npins:\n  - planka\n", "berth.lock:3: pins must map module names"),
        lock("version 2", "version: 2\npins: {}\n", "berth.lock:1: version must be 1"),
        lock("no version", "pins: {}\n", "berth.lock: version must be 1"),
        lock("module pins as a scalar", "version: 1\npins:\n  planka: \"2.1.0\"\n", "berth.lock:3: pins.planka must map image names to tags"),
        lock("tag as a list", "version: 1\npins:\n  planka:\n    app: [\"2.1.0\"]\n", "berth.lock:4: pins.planka.app must be a tag"),
        lock("tag with a blank", "version: 1\npins:\n  planka:\n    app: \"2.1 0\"\n", "berth.lock:4: pins.planka.app must be a tag"),
        lock("tag interpolating", "version: 1\npins:\n  planka:\n    app: \"${TAG}\"\n", "berth.lock:4: pins.planka.app must be a tag"),
        lock("unknown module", "version: 1\npins:\n  nextcloud:\n    app: \"1.0\"\n", "berth.lock:4: pins.nextcloud: unknown module"),
        lock("unknown image", "version: 1\npins:\n  planka:\n    web: \"1.0\"\n", "berth.lock:4: pins.planka.web: planka has no image named web"),
        lock("pin below the floor", "version: 1\npins:\n  planka:\n    app: \"0.1.0\"\n", "0.1.0 is older than"),
        lock("YAML syntax error", "version: 1\npins: { planka: \n", "berth.lock: not YAML"),
        lock("a list, not a mapping", "- 1\n", "berth.lock: must be a mapping with version and pins"),
        lock("two unknown keys at once", "version: 1\npins: {}\nextra: 1\nmore: 2\n", "berth.lock:4: unknown key 'more'"),
        BadInput(family: "berth.lock", name: "not UTF-8", arguments: validate, status: 2, message: "berth.lock: cannot read the lock file as UTF-8 text") { project in
            try Data([0x76, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: project + "/berth.lock"))
        },
        BadInput(family: "berth.lock", name: "2 MB lock", arguments: validate, status: 2, message: "berth.lock: is 2000021 bytes; a lock file is at most") { project in
            try Data(("version: 1\n#" + String(repeating: "x", count: 2_000_008) + "\n").utf8).write(to: URL(fileURLWithPath: project + "/berth.lock"))
        },
    ]

    /// .env files as an admin may leave them: `env check` names each problem with file:line and never a value.
    static let envCases: [BadInput] = [
        env("key with a blank", "planka", { $0 + "MY KEY=\(marker)\n" }, "deploy/local/planka/.env:26: malformed: a key cannot contain a blank"),
        env("unterminated double quote", "planka", { $0 + "SMTP_X=\"\(marker)\n" }, "deploy/local/planka/.env:26: malformed: the quoted value has no closing double quote"),
        env("unterminated single quote", "planka", { $0 + "SMTP_X='\(marker)\n" }, "deploy/local/planka/.env:26: malformed: the quoted value has no closing single quote"),
        env("a ${ never closed", "planka", { $0 + "SMTP_X=${\(marker)\n" }, "deploy/local/planka/.env:26: malformed: a ${ is never closed"),
        env("a required variable unset", "planka", { $0 + "SMTP_X=${UNSET:?\(marker)}\n" }, "deploy/local/planka/.env:26: malformed: ${UNSET:?…} requires UNSET"),
        env("at sign in a key", "planka", { $0 + "SMTP@X=\(marker)\n" }, "deploy/local/planka/.env:26: malformed: unexpected character '@'"),
        env("last line without =", "planka", { $0 + "TRAILING" }, "deploy/local/planka/.env:26: malformed: expected KEY=value"),
        env("duplicate key", "planka", { $0 + "SECRET_KEY=\(marker)\n" }, "deploy/local/planka/.env:26: duplicate key SECRET_KEY (first at line 5)"),
        env("missing key", "planka", { $0.replacingOccurrences(of: "\nSMTP_PASSWORD=", with: "\n# SMTP_PASSWORD=") }, "deploy/local/planka/.env:1: missing key SMTP_PASSWORD"),
        env("undeclared key", "planka", { $0 + "EXTRA=\(marker)\n" }, "deploy/local/planka/.env:26: key EXTRA is not declared in sample.env"),
        env("required key left empty", "kopia", { $0.replacingOccurrences(of: "KOPIA_WEB_USERNAME=admin", with: "KOPIA_WEB_USERNAME=") }, "KOPIA_WEB_USERNAME is required but empty"),
        env("e-mail that is none", "planka", { $0.replacingOccurrences(of: "\nSMTP_NAME=", with: "\nSMTP_NAME=\(marker)") }, "deploy/local/planka/.env:17: SMTP_NAME must be an e-mail address"),
        env("bare key", "planka", { $0.replacingOccurrences(of: "\nSMTP_NAME=", with: "\nSMTP_NAME") }, "deploy/local/planka/.env:17: SMTP_NAME has no '='"),
        env(
            "shared values that differ", "planka",
            { text in
                text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix("OIDC_CLIENT_SECRET=") ? "OIDC_CLIENT_SECRET=\(marker)" : String($0) }.joined(separator: "\n")
            }, "these keys share one value (oidc.planka.client_secret) but differ"),
        BadInput(family: ".env", name: "world-readable", arguments: ["env", "check", "--dir", "deploy/local"], status: 1, message: "deploy/local/planka/.env:1: mode is 644") { project in
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: project + "/deploy/local/planka/.env")
        },
        BadInput(
            family: ".env", name: "symbolic link", arguments: ["env", "check", "--dir", "deploy/local"], status: 1,
            message: "deploy/local/planka/.env:1: is a symbolic link to ../../../outside/planka.env"
        ) { project in
            try FileManager.default.moveItem(atPath: project + "/deploy/local/planka/.env", toPath: project + "/outside/planka.env")
            try Files.link(project + "/deploy/local/planka/.env", to: "../../../outside/planka.env")
        },
        BadInput(
            family: ".env", name: "a folder, and the others still checked", arguments: ["env", "check", "--dir", "deploy/local"], status: 1,
            message: "deploy/local/authentik/.env:1: cannot be checked: is a folder"
        ) { project in
            try FileManager.default.removeItem(atPath: project + "/deploy/local/authentik/.env")
            try FileManager.default.createDirectory(atPath: project + "/deploy/local/authentik/.env", withIntermediateDirectories: false)
            try Files.write("SMTP_NAME=x\n", to: project + "/deploy/local/planka/.env", mode: 0o600)
        },
        BadInput(family: ".env", name: "not UTF-8", arguments: ["env", "check", "--dir", "deploy/local"], status: 1, message: "deploy/local/planka/.env:1: cannot be checked: is not UTF-8 text") {
            project in
            try Data([0x41, 0x3D, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: project + "/deploy/local/planka/.env"))
        },
        BadInput(
            family: ".env", name: "no sample.env beside it", arguments: ["env", "check", "--dir", "deploy/local"], status: 1, message: "deploy/local/planka/.env:1: no sample.env beside this .env"
        ) { project in
            try FileManager.default.removeItem(atPath: project + "/deploy/local/planka/sample.env")
        },
        cli("env check of a missing folder", ["env", "check", "--dir", "nowhere"], "nowhere: no such directory"),
        cli("env check of a file", ["env", "check", "--dir", "berth.yaml"], "berth.yaml: no such directory"),
        // env init: refused before anything is written.
        cli("env init on a symlinked .env", ["env", "init", "--env", "local", "--dir", "deploy/local"], "deploy/local/planka/.env: is a symbolic link to ../../../outside/planka.env") { project in
            try FileManager.default.moveItem(atPath: project + "/deploy/local/planka/.env", toPath: project + "/outside/planka.env")
            try Files.link(project + "/deploy/local/planka/.env", to: "../../../outside/planka.env")
        },
        cli("env init on a .env folder", ["env", "init", "--env", "local", "--dir", "deploy/local"], "deploy/local/kopia/.env: is not a regular file") { project in
            try FileManager.default.removeItem(atPath: project + "/deploy/local/kopia/.env")
            try FileManager.default.createDirectory(atPath: project + "/deploy/local/kopia/.env", withIntermediateDirectories: false)
            try Files.replace(project + "/deploy/local/planka/.env", "\nSMTP_PASSWORD=", "\n# SMTP_PASSWORD=")
        },
        cli("env init on a tree not rendered", ["env", "init", "--env", "local", "--dir", "outside"], "outside/authentik: no such folder"),
        cli("env init on a non-UTF-8 .env", ["env", "init", "--env", "local", "--dir", "deploy/local"], "deploy/local/planka/.env: is not UTF-8 text", status: 1) { project in
            try Data([0x41, 0x3D, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: project + "/deploy/local/planka/.env"))
            try Files.replace(project + "/deploy/local/authentik/.env", "\nPG_PASS=", "\n# PG_PASS=")
        },
    ]
}
