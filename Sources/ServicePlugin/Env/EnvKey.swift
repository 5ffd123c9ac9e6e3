/// One key of a module's `.env` file.
public struct EnvKey: Sendable, Hashable {
    public var name: String
    public var description: String
    public var required: Bool
    /// Written by `env init` when the key is missing and no generator applies.
    public var defaultValue: String?
    /// Secrets are never printed, logged or rendered.
    public var secret: Bool
    public var kind: EnvKind
    /// How `env init` makes a value for a secret.
    public var generator: SecretGenerator?
    /// Keys with the same shared id hold one value across modules (e.g. an OIDC client secret).
    public var shared: String?
    /// A secret to keep off the server as well, since losing the server must not lose it: a backup repository's
    /// password, without which no snapshot can be read. `berth env keys` names it.
    public var keepOffServer = false

    public init(
        _ name: String, _ description: String, required: Bool = true, default defaultValue: String? = nil,
        secret: Bool = false, kind: EnvKind = .string, generator: SecretGenerator? = nil, shared: String? = nil
    ) {
        self.name = name
        self.description = description
        self.required = required
        self.defaultValue = defaultValue
        self.secret = secret
        self.kind = kind
        self.generator = generator
        self.shared = shared
    }

    /// A required secret that `env init` generates.
    public static func generated(_ name: String, _ description: String, _ generator: SecretGenerator, shared: String? = nil) -> EnvKey {
        EnvKey(name, description, secret: true, generator: generator, shared: shared)
    }

    /// This key, marked as one to keep off the server too (``keepOffServer``).
    public func keptOffServer() -> EnvKey {
        var key = self
        key.keepOffServer = true
        return key
    }

    /// An optional setting; `secret` marks passwords and tokens.
    public static func optional(_ name: String, _ description: String, kind: EnvKind = .string, secret: Bool = false) -> EnvKey {
        EnvKey(name, description, required: false, secret: secret, kind: kind)
    }
}

/// The shape a value must have.
public enum EnvKind: Sendable, Hashable, CustomStringConvertible {
    case string
    case url
    case email
    case port
    case bool
    case enumeration([String])
    case duration

    public var description: String {
        switch self {
        case .string: "string"
        case .url: "url"
        case .email: "email"
        case .port: "port"
        case .bool: "bool"
        case .enumeration(let values): "one of " + values.joined(separator: "|")
        case .duration: "duration"
        }
    }
}
