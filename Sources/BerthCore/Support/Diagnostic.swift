/// One problem found in the config, the stack or an env file, with where it is.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    /// A config path such as `services.planka.subdomain`, or a key name in an env file.
    public var path: String
    public var message: String
    /// `file:line` when the problem sits at a known place in a file.
    public var location: String?

    public init(_ severity: Severity = .error, path: String, _ message: String, location: String? = nil) {
        self.severity = severity
        self.path = path
        self.message = message
        self.location = location
    }

    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        let tag = severity == .warning ? "warning: " : ""
        return path.isEmpty ? "\(prefix)\(tag)\(message)" : "\(prefix)\(tag)\(path): \(message)"
    }
}

/// Thrown when the problems found so far make going on pointless; carries all of them.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Array where Element == Diagnostic {
    /// True when any entry is an error rather than a warning.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Throws the errors (warnings left out) as one ``DiagnosticsError``; does nothing when there are none.
    public func throwIfErrors() throws {
        let errors = filter { $0.severity == .error }
        if !errors.isEmpty { throw DiagnosticsError(errors) }
    }
}
