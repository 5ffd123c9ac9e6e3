/// How the app signs in to its PostgreSQL.
public enum PostgresAuth: String, Sendable, Hashable, CaseIterable {
    /// A generated password in `.env`: what a fresh sidecar gets.
    case password
    /// No password: `POSTGRES_HOST_AUTH_METHOD=trust`, as a cluster started by hand may have been set up.
    case trust
}

/// The options every module with a ``PostgresSidecar`` takes, under the same names, so that `berth adopt`
/// can keep an existing cluster's role, database and auth: list ``optionKeys`` in the module's `options`
/// and build the sidecar with `options:`.
extension PostgresSidecar {
    public static let userOption = OptionKey<String?>(
        "db_user", .identifier(allowEmpty: true),
        unsetByDefault: "PostgreSQL role the app connects as; empty for the module's own. Set it to keep an existing cluster's role (postgres).")
    public static let databaseOption = OptionKey<String?>(
        "db_name", .identifier(allowEmpty: true), unsetByDefault: "PostgreSQL database of the app; empty for the module's own.")
    public static let authOption = OptionKey(
        "db_auth", .oneOf(PostgresAuth.allCases.map(\.rawValue)), default: PostgresAuth.password.rawValue,
        "How the app signs in to PostgreSQL: password (generated into .env) or trust (no password, POSTGRES_HOST_AUTH_METHOD=trust).")

    /// The three options, in the order `berth modules` lists them.
    public static let optionKeys: [any OptionDeclaration] = [userOption, databaseOption, authOption]

    /// The sidecar with `db_user`, `db_name` and `db_auth` from the module's options; unset, it is the module's own.
    public init(module: String, service: String, name: String, passwordKey: String, image: ImageSpec, options: OptionValues) {
        self.init(module: module, service: service, name: name, passwordKey: passwordKey, image: image)
        user = options[Self.userOption] ?? name
        database = options[Self.databaseOption] ?? name
        auth = PostgresAuth(rawValue: options[Self.authOption]) ?? .password
    }
}
