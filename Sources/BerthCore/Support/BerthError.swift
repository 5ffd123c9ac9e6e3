/// An error Berth reports to the user, with the exit code it maps to.
public enum BerthError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Bad input: a usage or config problem (exit 2).
    case usage(String)
    /// A check that ran and failed (exit 1).
    case failed(String)
    /// The environment (filesystem, tools) did not cooperate (exit 1).
    case io(String)

    public var description: String {
        switch self {
        case .usage(let message), .failed(let message), .io(let message): message
        }
    }

    public var status: ExitStatus {
        switch self {
        case .usage: .usage
        case .failed, .io: .failure
        }
    }

    public var exitCode: Int32 { status.rawValue }
}
