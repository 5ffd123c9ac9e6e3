import ArgumentParser
import BerthCore
import Foundation

/// The one place errors become messages and exit codes: 2 for usage and config, 1 for failed checks.
enum ErrorReporter {
    static func report(_ error: any Error) -> Int32 {
        switch error {
        case let error as DiagnosticsError:
            Output.error(error.diagnostics.map(\.description).joined(separator: "\n"))
            Output.error("berth: \(error.diagnostics.filter { $0.severity == .error }.count) problem(s) in the configuration; nothing was written")
            return ExitStatus.usage.rawValue
        case let error as BerthError:
            Output.error("berth: \(error.description)")
            return error.exitCode
        case let error as ExitCode:
            return error.rawValue
        case let error where FileErrorMessage.text(for: error) != nil:
            // Bad arguments are refused before any file is touched; what fails here is the machine.
            Output.error("berth: \(FileErrorMessage.text(for: error)!)")
            return ExitStatus.failure.rawValue
        default:
            let code = Berth.exitCode(for: error)
            let message = Berth.fullMessage(for: error)
            if code == .success {
                Output.line(message)
                return ExitStatus.success.rawValue
            }
            Output.error(message)
            // ArgumentParser reports usage errors as 64; Berth's contract is 2.
            return code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue
        }
    }
}
