import Foundation
import Testing

/// One rule for the environment of every command, and the global options on either side of the subcommand (issue 28).
@Suite struct CommandLineTests {
    /// The example's config, read with `-c` from a folder that has none.
    static func config() -> String { Scratch.project() + "/berth.yaml" }

    @Test(arguments: [
        ["validate", "production"], ["validate", "--env", "production"], ["validate", "--env=production"],
    ])
    func theEnvironmentIsTheFirstArgumentOrEnv(_ arguments: [String]) throws {
        let config = Self.config()
        let run = try Run.berth(arguments + ["-c", config], in: "/")
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("environment production is valid"))
    }

    /// `lock status` without an environment shows that `-c` reached a nested subcommand: it read the config, then asked.
    @Test(arguments: [
        (["-c", "CONFIG", "validate", "production"], 0), (["--config", "CONFIG", "validate", "production"], 0),
        (["--config=CONFIG", "-v", "validate", "--env", "production"], 0), (["validate", "-c", "CONFIG", "production"], 0),
        (["-v", "-c", "CONFIG", "modules", "staging"], 0), (["-c", "CONFIG", "lock", "status"], 2),
    ])
    func globalOptionsGoBeforeOrAfterTheSubcommand(_ arguments: [String], _ status: Int) throws {
        let config = Self.config()
        let run = try Run.berth(arguments.map { $0.replacing("CONFIG", with: config) }, in: "/")
        #expect(run.status == Int32(status), "\(run.output)")
        #expect(!run.stderr.contains("Unknown option") && !run.stderr.contains("berth.yaml: "), "\(run.output)")
    }

    /// With no subcommand there is nowhere to move it: the parser refuses it as before, a usage error.
    @Test func aGlobalOptionBeforeNoSubcommandIsLeftToTheParser() throws {
        let run = try Run.berth(["-c", Self.config()], in: "/")
        #expect(run.status == 2 && run.stderr.contains("See 'berth --help'"), "\(run.output)")
    }

    @Test(arguments: [["validate"], ["deploy"], ["render"], ["env", "init"], ["lock", "status"]])
    func aCommandThatNeedsTheEnvironmentSaysSo(_ arguments: [String]) throws {
        let run = try Run.berth(arguments + ["-c", Self.config()], in: "/")
        #expect(run.status == 2)
        #expect(run.stderr.contains("missing the environment: give it as the first argument or as --env"), "\(run.output)")
    }

    @Test func theEnvironmentGivenTwiceIsRefused() throws {
        let run = try Run.berth(["validate", "production", "--env", "staging", "-c", Self.config()], in: "/")
        #expect(run.status == 2 && run.stderr.contains("the environment is given twice: 'production' and --env staging"), "\(run.output)")
    }

    /// `berth check planka` names a module; `berth check staging planka` an environment, then a module (staging runs only the website).
    @Test(arguments: [
        (["check", "nosuch"], "unknown module 'nosuch' (enabled: traefik,"),
        (["check", "production", "nosuch"], "unknown module 'nosuch' (enabled: traefik,"),
        (["check", "--env", "production", "nosuch"], "unknown module 'nosuch' (enabled: traefik,"),
        (["check", "staging", "planka"], "unknown module 'planka' (enabled: website)"),
        (["check", "--env", "staging", "planka"], "unknown module 'planka' (enabled: website)"),
        (["logs", "staging", "planka"], "planka"),
    ])
    func theFirstArgumentIsTheEnvironmentOnlyWhenItNamesOne(_ arguments: [String], _ message: String) throws {
        let run = try Run.berth(arguments + ["-c", Self.config()], in: "/")
        #expect(run.status == 2, "\(run.output)")
        #expect(run.stderr.contains(message), "\(run.output)")
    }

    @Test func aNameThatIsBothAnEnvironmentAndAModuleIsRefused() throws {
        let project = Scratch.project { $0.replacing("environments:\n", with: "environments:\n  planka: { target: \"ssh://deploy@example.org/opt/other\" }\n") }
        let run = try Run.berth(["check", "planka"], in: project)
        #expect(run.status == 2)
        #expect(run.stderr.contains("'planka' names both an environment and a module: give the environment as --env planka"), "\(run.output)")
    }

    @Test func renderTakesTheEnvironmentAsItsArgument() throws {
        let project = Scratch.project()
        let run = try Run.berth(["render", "staging"], in: project)
        #expect(run.status == 0, "\(run.output)")
        #expect(FileManager.default.fileExists(atPath: project + "/deploy/staging/website/docker-compose.yaml"))
    }

    @Test func theHelpStatesTheRule() throws {
        let root = try Run.berth(["--help"])
        let words = root.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("The environment is the first argument, or --env; commands that can do without it act on the first environment in berth.yaml."))
        #expect(words.contains("-c/--config and -v/--verbose may come before the subcommand or after it"))
        let check = try Run.berth(["check", "--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(check.contains("[<environment>] [--env <env>] [<modules> ...]"))
        #expect(check.contains("where it may be left out, the first one in berth.yaml"))
    }

    @Test func modulesIsTheCommandAndPluginsAHiddenAlias() throws {
        let help = try Run.berth(["--help"]).stdout
        #expect(help.contains("modules") && !help.contains("plugins"))
        let project = Scratch.project()
        let modules = try Run.berth(["modules", "--json"], in: project)
        #expect(modules.status == 0, "\(modules.output)")
        #expect(try Run.berth(["plugins", "--json"], in: project).stdout == modules.stdout)
        #expect(try Run.berth(["modules", "staging", "--json"], in: project).stdout == Run.berth(["modules", "--env", "staging", "--json"], in: project).stdout)
    }
}
