@testable import BerthCore
import ServicePlugin
import Testing

@Suite struct CheckRunnerTests {
    /// The rule the deploy gate and `berth check` share.
    @Test func containerStates() {
        let container = { (state: String, health: String?) -> StackFacts.Container? in
            StackFacts.Container(service: "a", id: "1", state: state, health: health, restartCount: 0, address: nil)
        }
        #expect(container("running", nil).readiness(service: "a").0 == .ok)
        #expect(container("running", "healthy").readiness(service: "a").0 == .ok)
        #expect(container("running", "starting").readiness(service: "a").0 == .warn)
        #expect(container("running", "unhealthy").readiness(service: "a") == (.fail, "running but unhealthy"))
        #expect(container("exited", nil).readiness(service: "a") == (.fail, "exited"))
        #expect(StackFacts.Container?.none.readiness(service: "a") == (.fail, "no container for a"))
    }

    @Test func jsonFieldsAreReadStrictly() {
        let body = #"{"item":{"oidc":{"isEnforced":true,"count":1},"name":"x","none":null}}"#
        #expect(HTTPProber.jsonValue(body, path: "item.oidc.isEnforced") == "true")
        #expect(HTTPProber.jsonValue(body, path: "item.oidc.count") == "1")
        #expect(HTTPProber.jsonValue(body, path: "item.name") == "x")
        #expect(HTTPProber.jsonValue(body, path: "item.none") == "null")
        #expect(HTTPProber.jsonValue(body, path: "item.oidc") == "an object")
        #expect(HTTPProber.jsonValue(body, path: "item.missing") == nil)
        #expect(HTTPProber.jsonValue("not json", path: "a") == nil)
    }

    @Test func exitCodesAndTable() {
        let ok = CheckResult(module: "planka", check: "home", status: .ok, latencyMs: 12, message: "GET / answered 200")
        let warn = CheckResult(module: "planka", check: "oidc", status: .warn, latencyMs: 2500, message: "slow")
        let fail = CheckResult(module: "kopia", check: "repository", status: .fail, latencyMs: 3, message: "answered 500")
        #expect([ok, warn].exitStatus(strict: false).rawValue == 0)
        #expect([ok, warn].exitStatus(strict: true).rawValue == 1)
        #expect([ok, fail].exitStatus(strict: false).rawValue == 1)
        #expect(
            [ok, warn, fail].table == """
                planka
                  home        ok      12 ms      GET / answered 200
                  oidc        warn    2500 ms    slow

                kopia
                  repository  fail    3 ms       answered 500
                """)
    }

    @Test func unknownModuleIsAUsageErrorListingTheEnabledOnes() throws {
        let engine = CheckRunner(stack: try Fixtures.stack(), runner: RecordingRunner())
        #expect(throws: BerthError.usage("unknown module 'nextcloud' (enabled: traefik, authentik, planka, kopia, watchtower, website)")) {
            try engine.modules(["planka", "nextcloud"])
        }
        #expect(try engine.modules(["kopia"]).map(\.id) == ["kopia"])
    }

    @Test func deadlinesDoNotWaitForStuckWork() async {
        let start = ContinuousClock.now
        await #expect(throws: DeadlineExceeded.self) {
            try await withDeadline(seconds: 0.2) {
                try await Task.sleep(nanoseconds: 60_000_000_000)
                return 1
            }
        }
        // Far below the minute the work would take, with room for a loaded machine running other tests.
        #expect(ContinuousClock.now - start < .seconds(30))
    }
}

@Suite struct JSONArrayExpectationTests {
    let routers = JSONArrayExpectation(field: "name", includes: ["auth@docker", "planka@docker"], matching: JSONFieldExpectation("status", equals: "enabled"))

    @Test func everyValueMustBeOnAMatchingObject() {
        let all = #"[{"name":"planka@docker","status":"enabled"},{"name":"auth@docker","status":"enabled"},{"name":"ping@internal","status":"enabled"}]"#
        #expect(HTTPProber.missing(routers, in: all).isEmpty)
        let disabled = #"[{"name":"planka@docker","status":"disabled"},{"name":"auth@docker","status":"enabled"}]"#
        #expect(HTTPProber.missing(routers, in: disabled) == ["planka@docker"])
        #expect(HTTPProber.missing(routers, in: #"[{"name":"auth@docker","status":"enabled"}]"#) == ["planka@docker"])
        #expect(HTTPProber.missing(routers, in: #"{"name":"auth@docker"}"#) == ["auth@docker", "planka@docker"])
        #expect(HTTPProber.missing(JSONArrayExpectation(field: "name", includes: ["a"]), in: #"[{"name":"a"}]"#).isEmpty)
    }
}
