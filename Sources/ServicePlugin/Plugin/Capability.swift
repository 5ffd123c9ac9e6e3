/// A role one module plays for the others.
public enum Capability: String, Sendable, Hashable, CaseIterable, Codable {
    /// Routes public hostnames to containers and terminates TLS.
    case reverseProxy = "reverse-proxy"
    /// Provides forward-auth middleware and registers OIDC clients.
    case identityProvider = "identity-provider"
    /// Takes snapshots of the data and the database dumps.
    case backupTool = "backup-tool"

    /// The capability in words, with its article: "an identity provider".
    public var phrase: String {
        switch self {
        case .reverseProxy: "a reverse proxy"
        case .identityProvider: "an identity provider"
        case .backupTool: "a backup engine"
        }
    }
}

/// A capability a module needs, and why.
public struct Requirement: Sendable, Hashable {
    public var capability: Capability
    /// Shown when no enabled module provides the capability, e.g. "OIDC client 'planka'".
    public var reason: String

    public init(_ capability: Capability, reason: String) {
        self.capability = capability
        self.reason = reason
    }
}
