import ServicePlugin

/// Commands as a person reads them: one `$ ` line each (secrets as `***`), with where it runs and whether it reads stdin.
///
/// `berth deploy --dry-run` prints this, and the deploy tests compare it whole.
public enum Transcript {
    public static func text(_ commands: [ShellCommand]) -> String {
        commands.map(line).joined(separator: "\n") + (commands.isEmpty ? "" : "\n")
    }

    static func line(_ command: ShellCommand) -> String {
        var text = "$ " + (command.workingDirectory.map { "cd \(ShellQuote.quote($0)) && " } ?? "") + command.display
        if command.input != nil { text += " < stdin" }
        return text
    }
}
