extension ServiceKey {
    /// The container runs, and is healthy when it has a Docker healthcheck.
    public func containerCheck(_ name: String = "container") -> HealthCheck {
        HealthCheck(name, .container(service: self.name))
    }

    /// A GET of `path` on the service's port (through `publicHost` when given) answering one of `expectStatus`.
    public func httpCheck(_ name: String, path: String, publicHost: String? = nil, expectStatus: [Int] = [200], timeout: Double? = nil) -> HealthCheck {
        HealthCheck(name, .http(HTTPProbe(self, path: path, publicHost: publicHost, expectStatus: expectStatus)), timeout: timeout)
    }

    /// A command run in the service's container, which must exit with `expectExit`.
    public func commandCheck(_ name: String, _ argv: [String], expectExit: Int32 = 0, timeout: Double? = nil) -> HealthCheck {
        HealthCheck(name, .command(service: self.name, argv: argv, expectExit: expectExit), timeout: timeout)
    }
}

extension HTTPProbe {
    /// A probe of the service's own port.
    public init(
        _ service: ServiceKey, path: String, publicHost: String? = nil, expectStatus: [Int] = [200], bodyContains: String? = nil,
        jsonField: JSONFieldExpectation? = nil, jsonArrayIncludes: JSONArrayExpectation? = nil, maxLatencyMs: Int? = nil, basicAuth: BasicAuthKeys? = nil
    ) {
        self.init(
            service: service.name, port: service.requiredPort, path: path, publicHost: publicHost, expectStatus: expectStatus, bodyContains: bodyContains,
            jsonField: jsonField, jsonArrayIncludes: jsonArrayIncludes, maxLatencyMs: maxLatencyMs, basicAuth: basicAuth)
    }
}
