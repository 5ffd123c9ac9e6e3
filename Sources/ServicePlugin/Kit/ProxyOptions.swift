/// The options every reverse proxy module takes, under the same names: a stack switches proxy without renaming them.
public enum ProxyOptions {
    public static let httpPort = OptionKey("http_port", in: 1...65535, default: 80, "Host port of the HTTP listener (it redirects to HTTPS).")
    public static let httpsPort = OptionKey("https_port", in: 1...65535, default: 443, "Host port of the HTTPS listener.")
    public static let bindAddress = OptionKey<String?>(
        "bind_address", .ipAddress(allowEmpty: true), unsetByDefault: "Host address the listeners are published on, e.g. 127.0.0.1; empty for every address.")
    public static let logLevel = OptionKey("log_level", .oneOf(["DEBUG", "INFO", "WARN", "ERROR"]), default: "INFO", "The proxy's log level.")
    public static let acmeStaging = OptionKey("acme_staging", default: false, "Use Let's Encrypt's staging CA (for trials; browsers will not trust it).")

    /// The options in the order `berth modules` lists them.
    public static let all: [any OptionDeclaration] = [httpPort, httpsPort, bindAddress, logLevel, acmeStaging]

    /// The two published ports, on `bind_address` when set.
    public static func ports(_ options: OptionValues) -> [PortMapping] {
        [
            PortMapping(host: options[httpPort], container: 80, hostIP: options[bindAddress]),
            PortMapping(host: options[httpsPort], container: 443, hostIP: options[bindAddress]),
        ]
    }
}
