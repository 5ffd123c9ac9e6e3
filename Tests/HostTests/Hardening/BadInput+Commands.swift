import Foundation

extension BadInput {
    /// Command lines: each bad argument is named, with exit 2.
    static let argumentCases: [BadInput] = [
        cli("misspelt command", ["deploi", "local"], "unexpected arguments: 'deploi', 'local'"),
        cli("unknown flag", ["render", "--env", "local", "--bogus"], "Unknown option '--bogus'"),
        cli("render without an environment", ["render"], "missing the environment: give it as the first argument or as --env"),
        cli("empty environment name", ["validate", "--env", ""], "environments.: no such environment"),
        cli("unknown environment", ["validate", "--env", "qa"], "environments.qa: no such environment (known: production, staging, local)"),
        cli("deploy timeout that is no number", ["deploy", "local", "--timeout", "soon"], "--timeout"),
        cli("negative deploy timeout", ["deploy", "local", "--timeout", "-5"], "--timeout"),
        cli("negative lock wait", ["deploy", "local", "--lock-wait", "-1"], "--lock-wait"),
        cli("check timeout 0", ["check", "--env", "local", "--timeout", "0"], "--timeout"),
        cli("check watch interval 0", ["check", "--env", "local", "--watch", "0"], "--watch"),
        cli("check of an unknown module", ["check", "--env", "local", "nextcloud"], "nextcloud"),
        cli("restore without a module", ["backup", "restore", "--yes"], "missing the module: berth backup restore [ENV] MODULE"),
        cli("restore of an unknown module", ["backup", "restore", "nextcloud", "--yes"], "nextcloud"),
        cli("restore without a terminal", ["backup", "restore", "planka"], "without --yes"),
        cli("update level that does not exist", ["update", "apply", "--level", "huge"], "--level"),
        cli("probe of no URL", ["probe", "not a url"], "url 1: 'not a url' is not an absolute http(s) URL"),
        cli("config that does not exist", ["validate", "--env", "local", "-c", "nothere.yaml"], "nothere.yaml: no such config file"),
        cli("config that is a folder", ["validate", "--env", "local", "-c", "deploy"], "deploy: is a folder; -c/--config names the config file"),
        cli("deploy to an unknown environment", ["deploy", "qa"], "environments.qa: no such environment"),
        cli("rollback on an unknown environment", ["rollback", "qa"], "environments.qa: no such environment"),
        cli("plan of an unknown environment", ["plan", "qa"], "environments.qa: no such environment"),
        cli("lock release of an unknown environment", ["lock", "release", "qa"], "environments.qa: no such environment"),
        cli("backup of an unknown module", ["backup", "run", "--env", "local", "nextcloud"], "nextcloud"),
        cli("page size 0", ["update", "check", "--env", "local", "--page-size", "0"], "--page-size"),
        cli("env set with the value on the command line", ["env", "set", "local", "planka", "SMTP_PASSWORD", marker], "never on the command line; 1 extra argument(s) not shown"),
        cli("env set of an unknown module", ["env", "set", "local", "nextcloud", "TOKEN"], "nextcloud: no module of environment local has this name"),
        cli("env set of a key no schema declares", ["env", "set", "local", "planka", "NOT_A_KEY"], "planka.NOT_A_KEY: not a key of planka's env schema"),
        cli("env set with nothing on standard input", ["env", "set", "local", "planka", "SMTP_PASSWORD"], "no value given on standard input"),
        cli("env keys of an unknown environment", ["env", "keys", "qa"], "environments.qa: no such environment"),
        cli("ci github for a folder target", ["ci", "github", "--env", "local"], "a CI runner can only deploy to an ssh:// target"),
    ]

    /// Render targets that would lose something; each is refused before any write.
    static let renderCases: [BadInput] = [
        out("the config file", "berth.yaml", "berth.yaml: is a file, not a folder"),
        out("the root folder", "/", "--out /: refusing to render into the root folder"),
        out("the config's own folder", ".", "holds the config file's folder"),
        out("the folder above the config", "..", "holds the config file's folder"),
        out("a symlink to a folder", "link", "link: is a symbolic link to outside") { project in try Files.link(project + "/link", to: "outside") },
        out("a symlink to a file", "link", "link: is a symbolic link to berth.yaml") { project in try Files.link(project + "/link", to: "berth.yaml") },
        out("a folder Berth did not render", "outside", "outside: is not empty and holds no .berth/manifest"),
        out("a path through a file", "berth.yaml/tree", "berth.yaml: is not a folder"),
        out("a module folder that is a file", "deploy/local", "deploy/local/planka: is not a folder") { project in
            try FileManager.default.moveItem(atPath: project + "/deploy/local/planka", toPath: project + "/outside/planka")
            try Files.write("mine\n", to: project + "/deploy/local/planka")
        },
        out("a module folder that is a symlink", "deploy/local", "deploy/local/traefik: is a symbolic link to ../../outside/traefik") { project in
            try FileManager.default.moveItem(atPath: project + "/deploy/local/traefik", toPath: project + "/outside/traefik")
            try Files.link(project + "/deploy/local/traefik", to: "../../outside/traefik")
        },
        out("a rendered file turned into a symlink", "deploy/local", "deploy/local/planka/docker-compose.yaml: is a symbolic link to ../../../outside/compose.yaml") { project in
            try FileManager.default.moveItem(atPath: project + "/deploy/local/planka/docker-compose.yaml", toPath: project + "/outside/compose.yaml")
            try Files.link(project + "/deploy/local/planka/docker-compose.yaml", to: "../../../outside/compose.yaml")
        },
        out("an admin's file where a new one would go", "deploy/local", "deploy/local/watchtower/docker-compose.yaml: exists and Berth did not write it") { project in
            try Files.replace(project + "/deploy/local/.berth/manifest", "watchtower/docker-compose.yaml\n", "")
        },
    ]

    /// The whole corpus.
    static let all = configCases + lockCases + envCases + argumentCases + renderCases
}
