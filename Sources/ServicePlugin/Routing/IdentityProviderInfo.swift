import Foundation

/// What an identity provider offers the rest of the stack, as data.
public struct IdentityProviderInfo: Sendable, Hashable {
    /// The module providing it.
    public var module: String
    /// The public base URL, e.g. `https://auth.example.org`.
    public var baseURL: String
    /// The forward-auth endpoint the reverse proxy calls for protected routes.
    public var forwardAuth: ForwardAuth
    /// The OIDC issuer of a client slug; `{slug}` is replaced.
    public var issuerTemplate: String
    /// Services that must be healthy before a client of the provider starts.
    public var services: [String]

    public init(module: String, baseURL: String, forwardAuth: ForwardAuth, issuerTemplate: String, services: [String] = []) {
        self.module = module
        self.services = services
        self.baseURL = baseURL
        self.forwardAuth = forwardAuth
        self.issuerTemplate = issuerTemplate
    }

    /// The issuer URL for one OIDC client.
    public func issuer(for slug: String) -> String {
        issuerTemplate.replacingOccurrences(of: "{slug}", with: slug)
    }
}

/// A forward-auth middleware: the reverse proxy asks the provider before passing a request on.
public struct ForwardAuth: Sendable, Hashable {
    /// The middleware name, e.g. `authentik`.
    public var name: String
    /// `host:port` of the container that answers, e.g. `authentik-server:9000`.
    public var upstream: String
    /// The endpoint's path for each reverse proxy module it supports, e.g. `caddy` → `/outpost.goauthentik.io/auth/caddy`.
    public var endpoints: [String: String]
    public var trustForwardHeader: Bool
    /// Headers of the answer passed on to a protected route that names no ``IdentityHeader``s.
    public var authResponseHeaders: [String]
    /// The header the answer carries each claim in.
    public var claims: [IdentityClaim: String]

    public init(
        name: String, upstream: String, endpoints: [String: String], trustForwardHeader: Bool = true,
        authResponseHeaders: [String], claims: [IdentityClaim: String] = [:]
    ) {
        self.name = name
        self.upstream = upstream
        self.endpoints = endpoints
        self.trustForwardHeader = trustForwardHeader
        self.authResponseHeaders = authResponseHeaders
        self.claims = claims
    }

    /// The endpoint's URL for one reverse proxy module, or nil when the provider has none for it.
    public func address(for proxy: String) -> String? {
        endpoints[proxy].map { "http://\(upstream)\($0)" }
    }
}

/// An OIDC client a module asks the identity provider to register.
public struct OIDCClientRequest: Sendable, Hashable {
    /// The plugin that asked.
    public var module: String
    /// The application slug, which is also part of the issuer URL.
    public var slug: String
    public var displayName: String
    public var launchURL: String
    public var redirectURIs: [String]
    /// Shared env ids (see ``EnvKey/shared``) of the client id and secret.
    public var clientIDShared: String
    public var clientSecretShared: String
    /// Groups whose members may use the application; empty means everyone.
    public var allowedGroups: [String]

    public init(
        module: String, slug: String, displayName: String, launchURL: String, redirectURIs: [String],
        allowedGroups: [String] = []
    ) {
        self.module = module
        self.slug = slug
        self.displayName = displayName
        self.launchURL = launchURL
        self.redirectURIs = redirectURIs
        self.clientIDShared = "oidc.\(slug).client_id"
        self.clientSecretShared = "oidc.\(slug).client_secret"
        self.allowedGroups = allowedGroups
    }

    /// The client id generator: public, but generated so it is unique per install.
    public static let clientIDGenerator = SecretGenerator(length: 40, alphabet: .alphanumeric)
    /// The client secret generator.
    public static let clientSecretGenerator = SecretGenerator(length: 96, alphabet: .alphanumeric)
}
