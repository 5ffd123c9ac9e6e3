@testable import BerthCore
import Testing

/// How a deploy reads `docker compose up` to know whether it touched anything (output recorded from compose 2.26).
@Suite struct DeployerStepsTests {
    @Test func onlyCreatedRecreatedStartedStoppedOrRemovedContainersCount() {
        let untouched = """
             Container berthperf-planka-postgres-1  Running
             Container berthperf-traefik-1  Running
             Container berthperf-planka-postgres-1  Waiting
             Container berthperf-planka-postgres-1  Healthy
            """
        #expect(!DeploySession.upChangedContainers(untouched))
        #expect(DeploySession.upChangedContainers(untouched + "\n Container berthperf-planka-1  Recreated\n Container berthperf-planka-1  Started"))
        #expect(DeploySession.upChangedContainers(" Container berthperf-old-1  Removed"))
        #expect(!DeploySession.upChangedContainers(""))
    }
}
