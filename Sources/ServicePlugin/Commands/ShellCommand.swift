/// A command as a value: argv, where it runs, and which arguments are secret.
///
/// Plugins and the host build these; only a `CommandRunner` executes them, and it prints
/// ``display``, where every ``Argument/sensitive(_:)`` part is replaced by `***`.
public struct ShellCommand: Sendable, Hashable, CustomStringConvertible {
    /// One argv element.
    public enum Argument: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
        case plain(String)
        /// A secret: passed to the program, never shown.
        case sensitive(String)

        public init(stringLiteral value: String) { self = .plain(value) }

        public var value: String {
            switch self {
            case .plain(let value), .sensitive(let value): value
            }
        }
    }

    public var argv: [Argument]
    /// The folder to run in, on the machine that runs the command.
    public var workingDirectory: String?
    /// Bytes fed to standard input, if any (never shown).
    public var input: [UInt8]?

    public init(_ argv: [Argument], in workingDirectory: String? = nil, input: [UInt8]? = nil) {
        self.argv = argv
        self.workingDirectory = workingDirectory
        self.input = input
    }

    /// argv as plain strings, secrets included: for the process, never for a log.
    public var arguments: [String] { argv.map(\.value) }

    /// The command as a person may see it: shell-quoted, secrets as `***`.
    public var display: String {
        argv.map { argument in
            switch argument {
            case .plain(let value): ShellQuote.quote(value)
            case .sensitive: "***"
            }
        }.joined(separator: " ")
    }

    public var description: String { display }
}
