/// A health check declared by a module; `berth check` runs it.
public struct HealthCheck: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The container is running, and healthy when it has a Docker healthcheck.
        case container(service: String)
        case http(HTTPProbe)
        /// A command run inside a service's container, with the exit code it must return.
        case command(service: String, argv: [String], expectExit: Int32)
        /// A command run inside a service's container whose output is JSON holding every value of `includes`.
        ///
        /// For state only the container can reach, e.g. Caddy's admin API on its loopback.
        case commandJSON(service: String, argv: [String], includes: JSONValuesExpectation)
        /// A TCP connect to a service's port.
        case tcp(service: String, port: Int)
        /// The certificate served for a public hostname is not about to expire: warn under 14 days, fail under 3.
        ///
        /// Reached on the hostname's port 443, or with `--direct` on `service`'s container `port` with `host` as SNI.
        case tlsExpiry(host: String, service: String, port: Int)
        /// The backup engine's newest snapshot and every declared dump are younger than this many hours.
        case backupFreshness(maxAgeHours: Double)
    }

    /// A short stable name, unique within the module, e.g. `ready`.
    public var name: String
    public var kind: Kind
    /// Seconds before the check counts as failed; nil takes `berth check --timeout` (5 s unless given).
    public var timeout: Double?
    /// Whether a deploy waits for it; false for checks about time rather than the new release (backup freshness).
    public var gatesDeploy: Bool

    public init(_ name: String, _ kind: Kind, timeout: Double? = nil, gatesDeploy: Bool = true) {
        self.name = name
        self.kind = kind
        self.timeout = timeout
        self.gatesDeploy = gatesDeploy
    }
}

/// An HTTP(S) request and what its answer must look like.
public struct HTTPProbe: Sendable, Hashable {
    /// The service and container port to reach directly.
    public var service: String
    public var port: Int
    public var path: String
    /// The public hostname to reach through the reverse proxy, when routed.
    public var publicHost: String?
    public var expectStatus: [Int]
    public var bodyContains: String?
    /// A JSON field (dotted path) and the value it must equal, rendered as JSON text.
    public var jsonField: JSONFieldExpectation?
    /// The body is a JSON array whose objects name all these values, e.g. Traefik's routers.
    public var jsonArrayIncludes: JSONArrayExpectation?
    /// Milliseconds the answer may take at most.
    public var maxLatencyMs: Int?
    /// Basic-auth credentials, named by `.env` key, never by value.
    public var basicAuth: BasicAuthKeys?

    public init(
        service: String, port: Int, path: String, publicHost: String? = nil, expectStatus: [Int] = [200],
        bodyContains: String? = nil, jsonField: JSONFieldExpectation? = nil, jsonArrayIncludes: JSONArrayExpectation? = nil, maxLatencyMs: Int? = nil,
        basicAuth: BasicAuthKeys? = nil
    ) {
        self.service = service
        self.port = port
        self.path = path
        self.publicHost = publicHost
        self.expectStatus = expectStatus
        self.bodyContains = bodyContains
        self.jsonField = jsonField
        self.jsonArrayIncludes = jsonArrayIncludes
        self.maxLatencyMs = maxLatencyMs
        self.basicAuth = basicAuth
    }
}

/// A dotted JSON path and the JSON value it must hold, e.g. `connected` = `true`.
public struct JSONFieldExpectation: Sendable, Hashable {
    public var path: String
    public var equals: String

    public init(_ path: String, equals: String) {
        self.path = path
        self.equals = equals
    }
}

/// Values a JSON array of objects must include in one field, each on an object that also matches `where`.
public struct JSONArrayExpectation: Sendable, Hashable {
    /// The field of each object to collect, e.g. `name`.
    public var field: String
    /// The values that must all be present, e.g. `planka@docker`.
    public var includes: [String]
    /// A field every matching object must also hold, e.g. `status` = `enabled`.
    public var matching: JSONFieldExpectation?

    public init(field: String, includes: [String], matching: JSONFieldExpectation? = nil) {
        self.field = field
        self.includes = includes
        self.matching = matching
    }
}

/// Values a JSON document must hold under one key, at any depth, e.g. every `host` a proxy routes.
public struct JSONValuesExpectation: Sendable, Hashable {
    /// The key whose values (a string, or an array of strings) are collected wherever it appears.
    public var key: String
    /// The values that must all be among them.
    public var includes: [String]

    public init(key: String, includes: [String]) {
        self.key = key
        self.includes = includes
    }
}

/// The `.env` keys that hold a basic-auth user and password.
public struct BasicAuthKeys: Sendable, Hashable {
    public var userKey: String
    public var passwordKey: String

    public init(userKey: String, passwordKey: String) {
        self.userKey = userKey
        self.passwordKey = passwordKey
    }
}
