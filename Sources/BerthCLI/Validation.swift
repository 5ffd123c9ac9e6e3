import BerthCore

/// Shared handling of validation results.
enum Validation {
    /// Prints warnings and throws when any problem is an error.
    static func require(_ diagnostics: [Diagnostic]) throws {
        for warning in diagnostics where warning.severity == .warning { Output.error(warning.description) }
        try diagnostics.throwIfErrors()
    }
}
