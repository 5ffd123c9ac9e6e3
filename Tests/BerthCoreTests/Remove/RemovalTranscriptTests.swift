@testable import BerthCore
import Foundation
import PluginTesting
import ServicePlugin
import Testing

/// `berth remove` as the commands it runs, compared whole with goldens in `__Snapshots__`, for compose and Swarm,
/// with and without `--purge`: each test drives ``Remover`` over a ``RecordingRunner`` answered by a scripted target.
@Suite struct RemovalTranscriptTests {
    /// Answers each command by the first marker its text contains; the lock is taken unless `held`.
    final class Target: @unchecked Sendable {
        var answers: [(marker: String, result: CommandResult)] = []
        var held = false

        func answer(_ command: ShellCommand) -> CommandResult {
            let line = command.arguments.joined(separator: " ")
            if line.contains("echo ACQUIRED") {
                let owner = String(decoding: ReleaseCommands.jsonLine(LockInfo(owner: "ci@builder", pid: 1, time: "2026-12-01T10:00:00Z", message: "")), as: UTF8.self)
                return CommandResult(status: 0, stdout: held ? owner + "HELD\n" : "ACQUIRED\n")
            }
            return answers.first { line.contains($0.marker) }?.result ?? CommandResult(status: 0)
        }

        func on(_ marker: String, _ stdout: String, status: Int32 = 0, stderr: String = "") {
            answers.append((marker, CommandResult(status: status, stdout: stdout, stderr: stderr)))
        }
    }

    func remove(_ stack: Stack, _ target: Target, purge: Bool) async -> (RemovalReport, (any Error)?, String) {
        let runner = RecordingRunner(responder: target.answer)
        var remover = Remover(stack: stack, runner: runner)
        remover.stamp = DeployStamp(releaseID: "r", time: "2026-12-01T10:00:00Z", owner: "ci@builder", pid: 4242, workspace: "/nonexistent")
        var report = RemovalReport(environment: stack.environment.name, target: remover.commands.remote.name, purged: purge)
        var failure: (any Error)?
        do { try await remover.run(purge: purge, report: &report) } catch { failure = error }
        return (report, failure, Transcript.text(runner.commands))
    }

    /// Production of the sharing fixture as its server answers: its stateless website on Caddy's live network,
    /// an API with PostgreSQL, the crontab line and a release.
    static func production() -> Target {
        let target = Target()
        target.on("grep -qxF \"$net\"", "attachment shop-website-1 on shop_berth-live\n")
        target.on("docker stop $ids", "container shop-api-1\ncontainer shop-api-postgres-1\ncontainer shop-caddy-1\nnetwork shop_default\nnetwork shop_berth-live\n")
        target.on("echo \"crontab $1\"", "crontab # berth backup shop\n")
        target.on("echo \"record $root/$f\"", "record /opt/services/.berth/releases\nrecord /opt/services/.berth/current\n")
        target.on("docker volume rm", "folder /opt/docker-volumes/api/postgres\nfolder /opt/db-backups/api\nfolder /opt/db-backups\n")
        target.on("find \"$root\" -name .env", "file /opt/services/api/.env\nfolder /opt/services\n")
        return target
    }

    @Test func composeRemoveKeepsTheData() async throws {
        let (report, failure, transcript) = await remove(try SharingFixture.stack("production"), Self.production(), purge: false)
        #expect(failure == nil && report.ok)
        #expect(report.steps.map(\.name) == ["sharers", "lock", "detach", "containers", "crontab", "records", "unlock"])
        #expect(report.removed.first == RemovalReport.Item(kind: "attachment", name: "shop-website-1 on shop_berth-live"))
        #expect(report.removed.map(\.kind).contains("crontab") && !report.removed.contains { $0.kind == "folder" || $0.kind == "volume" })
        // Nothing that deletes a folder, a volume or a `.env` file runs without --purge.
        #expect(!transcript.contains("rm -rf -- \"$f\"") && !transcript.contains("docker volume rm"))
        assertSnapshot(transcript, named: "compose-remove.txt")
    }

    @Test func composePurgeDeletesTheDataThenTheDeployFolder() async throws {
        let (report, failure, transcript) = await remove(try SharingFixture.stack("production"), Self.production(), purge: true)
        #expect(failure == nil && report.ok)
        // The deploy folder, and the lock in it, go last: no unlock after it.
        #expect(report.steps.map(\.name) == ["sharers", "lock", "detach", "containers", "crontab", "records", "data", "deploy folder"])
        #expect(report.removed.suffix(2).map(\.name) == ["/opt/services/api/.env", "/opt/services"])
        assertSnapshot(transcript, named: "compose-purge.txt")
    }

    @Test func aSharingEnvironmentLeavesTheOwnersLiveNetwork() async throws {
        let target = Target()
        target.on("grep -qxF \"$net\"", "attachment shop-staging-website-1 on shop_berth-live\n")
        let (report, failure, transcript) = await remove(try SharingFixture.stack("staging"), target, purge: false)
        #expect(failure == nil && report.ok)
        // Nobody shares staging: no look at sharers. Its apps leave production's live network, which stays.
        #expect(report.steps.map(\.name) == ["lock", "detach", "containers", "crontab", "records", "unlock"])
        #expect(transcript.contains("berth shop-staging planka shop_berth-live website shop_berth-live"))
        assertSnapshot(transcript, named: "staging-remove.txt")
    }

    @Test func anOwnerWhoseSharerIsDeployedIsRefusedBeforeTheLock() async throws {
        let target = Self.production()
        target.on("release=$(cat \"$root/.berth/current\"", "staging 3 20261201T090000Z-0001\n")
        let (report, failure, transcript) = await remove(try SharingFixture.stack("production"), target, purge: true)
        let error = try #require(failure as? BerthError)
        #expect(error.status == .usage)
        #expect(error.description.contains("environments.staging (3 containers, release 20261201T090000Z-0001) shares its proxy"))
        #expect(error.description.contains("`berth remove staging`"))
        // One look at the server, and nothing changed.
        #expect(report.steps.map(\.name) == ["sharers"] && transcript.split(separator: "\n").filter { $0.hasPrefix("$ ") }.count == 1)
    }

    @Test func aHeldLockStopsEverything() async throws {
        let target = Self.production()
        target.held = true
        let (report, failure, transcript) = await remove(try SharingFixture.stack("staging"), target, purge: false)
        #expect(failure != nil && report.failedStep == "lock" && report.removed.isEmpty)
        #expect(!transcript.contains("docker stop"))
    }

    @Test func aFailedStepKeepsWhatItRemovedAndLetsGoOfTheLock() async throws {
        let target = Target()
        target.on("docker stop $ids", "container shop-staging-mail-1\n", status: 1, stderr: "Error response from daemon: network is in use")
        let (report, failure, transcript) = await remove(try SharingFixture.stack("staging"), target, purge: false)
        #expect(report.failedStep == "containers" && !report.ok)
        #expect(String(describing: failure!).contains("network is in use"))
        #expect(report.removed == [RemovalReport.Item(kind: "container", name: "shop-staging-mail-1")])
        #expect(transcript.split(separator: "\n").last?.hasPrefix("rm -rf \"$1/.berth/lock\"") == true)
    }

    @Test func swarmRemovesTheStackThenTheNodeLabels() async throws {
        let target = Target()
        target.on("docker stack rm", "service shop_web\nservice shop_shop\nnetwork shop_default\n")
        target.on("--label-rm $key", "label edge on n1\nlabel db on n2\n")
        let (report, failure, transcript) = await remove(try SwarmFixture.stack(), target, purge: false)
        #expect(failure == nil && report.ok)
        // Swarm schedules no crontab line: nothing to take out.
        #expect(report.steps.map(\.name) == ["lock", "stack", "node labels", "records", "unlock"])
        #expect(report.removed.filter { $0.kind == "label" }.map(\.name) == ["edge on n1", "db on n2"])
        assertSnapshot(transcript, named: "swarm-remove.txt")
    }

    @Test func swarmPurgeDeletesEachNodesData() async throws {
        let target = Target()
        target.on("docker volume rm", "folder /opt/docker-volumes/planka/db\n")
        let (report, failure, transcript) = await remove(try SwarmFixture.stack(), target, purge: true)
        #expect(failure == nil && report.ok)
        #expect(report.steps.map(\.name) == ["lock", "stack", "node labels", "records", "data on n1", "data on n2", "data on n3", "deploy folder"])
        #expect(report.removed.allSatisfy { $0.node != nil })
        assertSnapshot(transcript, named: "swarm-purge.txt")
    }

    @Test func theTextSaysWhatWentAndWhatStays() {
        var report = RemovalReport(environment: "production", target: "deploy@shop.example.org", purged: false)
        report.removed = [.init(kind: "container", name: "shop-api-1"), .init(kind: "label", name: "db", node: "n2")]
        report.kept = ["/opt/docker-volumes/api/db"]
        #expect(
            report.lines == [
                "removed container shop-api-1", "removed label db on n2",
                "production: removed; kept its data folders, dumps and .env files (`berth deploy production` brings it back):",
                "  kept /opt/docker-volumes/api/db",
            ])
        let empty = RemovalReport(environment: "production", target: "deploy@shop.example.org", purged: true)
        #expect(empty.lines == ["production: nothing of it was found on deploy@shop.example.org", "production: removed and purged; its data, dumps and .env files are gone"])
    }

    @Test func swarmKeepsTheLabelsAnotherEnvironmentOfTheClusterSets() throws {
        let text = SwarmFixture.config().replacingOccurrences(
            of: "environments:\n",
            with: """
                environments:
                  other:
                    target: "ssh://root@10.0.0.1/opt/other"
                    engine: swarm
                    swarm:
                      nodes:
                        n2: { address: 10.0.0.2, labels: { db: "true" } }

                """)
        let stack = try SwarmFixture.stack(text)
        let labels = SwarmOrchestrator(settings: stack.environment.swarm!).berthLabels(stack)
        #expect(labels.map(\.node) == ["n1"] && labels.first?.keys == ["edge"])
    }

    /// Each node gets the folders of the services placed there: the shop's database only on n3.
    @Test func swarmDataFollowsThePlacements() throws {
        let stack = try SwarmFixture.stack()
        let holders = stack.orchestrator.dataHolders(stack, remote: Remote(stack.environment))
        let shopDumps = "/opt/db-backups/shop"
        #expect(holders.map(\.node) == ["n1", "n2", "n3"])
        #expect(holders.filter { $0.folders.contains(shopDumps) }.map(\.node) == ["n3"])
        #expect(holders.allSatisfy { !$0.folders.contains("/opt/docker-volumes") && !$0.folders.contains("/opt/services") })
    }
}
