import ServicePlugin
import Testing

@Suite struct ServiceKeyTests {
    let web = ServiceKey("dozzle", port: 8080)

    @Test func routesChecksAndDependenciesNameTheServiceAndItsPort() {
        #expect(Route.Target.service(web) == .service("dozzle", port: 8080))
        #expect(web.containerCheck() == HealthCheck("container", .container(service: "dozzle")))
        #expect(
            web.httpCheck("home", path: "/", publicHost: "logs.example.org", expectStatus: [200, 204])
                == HealthCheck("home", .http(HTTPProbe(service: "dozzle", port: 8080, path: "/", publicHost: "logs.example.org", expectStatus: [200, 204]))))
        #expect(web.commandCheck("cli", ["dozzle", "healthcheck"], timeout: 30) == HealthCheck("cli", .command(service: "dozzle", argv: ["dozzle", "healthcheck"], expectExit: 0), timeout: 30))
        #expect(web.dependency(.healthy, restart: true) == Dependency("dozzle", .healthy, restart: true))
        #expect(web.address == "dozzle:8080" && "\(web)" == "dozzle")
    }

    @Test func aProbeKeepsEveryExpectation() {
        let probe = HTTPProbe(web, path: "/api", jsonField: JSONFieldExpectation("ok", equals: "true"), basicAuth: BasicAuthKeys(userKey: "U", passwordKey: "P"))
        let expected = HTTPProbe(
            service: "dozzle", port: 8080, path: "/api", jsonField: JSONFieldExpectation("ok", equals: "true"), basicAuth: BasicAuthKeys(userKey: "U", passwordKey: "P"))
        #expect(probe == expected)
    }

    @Test func aServiceWithoutPortStillNamesItsContainer() {
        let worker = ServiceKey("worker")
        #expect(worker.port == nil)
        #expect(worker.containerCheck("worker-container") == HealthCheck("worker-container", .container(service: "worker")))
    }
}
