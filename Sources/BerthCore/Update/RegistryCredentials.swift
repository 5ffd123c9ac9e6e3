import Foundation

/// Logins from the Docker client's config file (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`).
///
/// Only the inline `auths` entries written by `docker login` are read. A registry whose login lives in a
/// credential helper (`credsStore`, `credHelpers`) is queried anonymously, and its error names the helper.
public struct RegistryCredentials: Sendable {
    /// host → (user, password).
    var logins: [String: (user: String, password: String)]
    /// host → the credential helper that holds its login, when one is configured.
    var helpers: [String: String]
    var defaultHelper: String?

    public init(logins: [String: (user: String, password: String)] = [:], helpers: [String: String] = [:], defaultHelper: String? = nil) {
        self.logins = logins
        self.helpers = helpers
        self.defaultHelper = defaultHelper
    }

    /// Reads the config file the Docker client would read; a missing file means no logins.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RegistryCredentials {
        let folder = environment["DOCKER_CONFIG"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.docker")
        let path = folder + "/config.json"
        guard let data = FileManager.default.contents(atPath: path) else { return RegistryCredentials() }
        return try parse(data, file: path)
    }

    struct File: Decodable {
        struct Auth: Decodable {
            var auth: String?
            var username: String?
            var password: String?
        }

        var auths: [String: Auth]?
        var credsStore: String?
        var credHelpers: [String: String]?
    }

    static func parse(_ data: Data, file: String) throws -> RegistryCredentials {
        let decoded: File
        do { decoded = try JSONDecoder().decode(File.self, from: data) } catch DecodingError.dataCorrupted {
            throw BerthError.usage("\(file): not valid JSON (Docker's config file, read for registry logins)")
        } catch {
            throw BerthError.usage("\(file): not a Docker config file: an entry has an unexpected shape")
        }
        var logins: [String: (user: String, password: String)] = [:]
        for (key, auth) in decoded.auths ?? [:] {
            let host = normalise(key)
            if let user = auth.username, let password = auth.password, !user.isEmpty {
                logins[host] = (user, password)
            } else if let encoded = auth.auth, let raw = Data(base64Encoded: encoded).map({ String(decoding: $0, as: UTF8.self) }),
                let colon = raw.firstIndex(of: ":")
            {
                logins[host] = (String(raw[..<colon]), String(raw[raw.index(after: colon)...]))
            }
        }
        let helpers = Dictionary((decoded.credHelpers ?? [:]).map { (normalise($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        return RegistryCredentials(logins: logins, helpers: helpers, defaultHelper: decoded.credsStore)
    }

    /// `Authorization: Basic …` for a user and password.
    public static func basicAuthorization(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// The login for a registry host, if the config holds one inline.
    public func login(for host: String) -> (user: String, password: String)? { logins[Self.normalise(host)] }

    /// The credential helper holding a host's login, for an error message.
    func helper(for host: String) -> String? { helpers[Self.normalise(host)] ?? defaultHelper }

    /// `https://index.docker.io/v1/` and `docker.io` name the same registry; schemes and paths are dropped.
    static func normalise(_ key: String) -> String {
        var host = key
        for scheme in ["https://", "http://"] where host.hasPrefix(scheme) { host.removeFirst(scheme.count) }
        host = String(host.prefix { $0 != "/" })
        return ["index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"].contains(host) ? "docker.io" : host
    }
}
