extension OIDCClientRequest {
    /// The client id and secret as `.env` keys, generated once and shared between the client's module and the provider.
    ///
    /// The client's own module uses the plain names (`OIDC_CLIENT_ID`); the identity provider prefixes them
    /// per client (`PLANKA_OIDC_CLIENT_ID`). Both sides share the values through ``clientIDShared`` and
    /// ``clientSecretShared``, so `berth env init` writes the same secret into both files.
    public func envKeys(prefix: String = "OIDC_", holder: String? = nil) -> [EnvKey] {
        let whose = holder.map { " of \($0), shared with its module" } ?? " registered with the identity provider"
        return [
            EnvKey(prefix + "CLIENT_ID", "OIDC client id\(whose).", generator: Self.clientIDGenerator, shared: clientIDShared),
            EnvKey(prefix + "CLIENT_SECRET", "OIDC client secret\(whose).", secret: true, generator: Self.clientSecretGenerator, shared: clientSecretShared),
        ]
    }

    /// The `.env` key prefix the identity provider gives this client's shared values, e.g. `PLANKA_OIDC_`.
    public var providerEnvPrefix: String {
        slug.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() + "_OIDC_"
    }
}
