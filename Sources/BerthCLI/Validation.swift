import BerthCore

/// Shared handling of validation results.
enum Validation {
    /// Prints warnings and throws when any problem is an error.
    static func require(_ diagnostics: [Diagnostic]) throws {
        for warning in diagnostics where warning.severity == .warning { Output.error(warning.description) }
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw DiagnosticsError(errors) }
    }
}
