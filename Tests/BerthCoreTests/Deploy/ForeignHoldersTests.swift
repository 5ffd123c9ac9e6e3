@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// The guard against a second holder of the stack's ports and folders, over `docker inspect` lines shaped as
/// the test bed's engine prints them (HostTests/Adopt runs it against Tangram's folder, brought up for real).
@Suite struct ForeignHoldersTests {
    /// One container as preflight's `docker inspect --format` prints it.
    static func line(
        _ name: String, state: String = "running", project: String? = "production", folder: String = "/srv/tangram/production",
        ports: String = "{}", mounts: [(String, String, Bool)] = []
    ) -> String {
        let labels = project.map { #"{"com.docker.compose.project":"\#($0)","com.docker.compose.project.working_dir":"\#(folder)"}"# } ?? "{}"
        let mounts = mounts.map { #"{"Type":"bind","Source":"\#($0.0)","Destination":"\#($0.1)","Mode":"","RW":\#($0.2),"Propagation":"rprivate"}"# }
        return #"{"name":"/\#(name)","state":"\#(state)","labels":\#(labels),"ports":\#(ports),"mounts":[\#(mounts.joined(separator: ","))]}"#
    }

    static func findings(_ lines: [String], stack: Stack? = nil) throws -> ForeignHolders.Findings {
        let facts = PreflightFacts(lines.map { "container=" + $0 }.joined(separator: "\n"))
        #expect(facts.containers.count == lines.count)
        return ForeignHolders.findings(facts.containers, stack: try stack ?? Fixtures.stack(), root: "/opt/services")
    }

    @Test func aSecondWriterOfADatabaseFolderStopsTheDeployAndSaysWhatToDo() throws {
        let found = try Self.findings([Self.line("production-planka-postgres-1", mounts: [("/opt/docker-volumes/planka/db", "/var/lib/postgresql/data", true)])])
        #expect(found.warnings.isEmpty)
        #expect(
            found.problems == [
                "container production-planka-postgres-1 (compose project production, folder /srv/tangram/production) bind-mounts /opt/docker-volumes/planka/db read-write, "
                    + "which planka-postgres will mount read-write; two writers on one folder corrupt it: take the project over with "
                    + "`berth adopt production --project production`, or stop it (`docker compose -p production stop` in /srv/tangram/production)"
            ])
    }

    @Test func aFolderAboveOrInsideCountsAndAReadOnlyReaderIsOnlyAWarning() throws {
        let found = try Self.findings([
            Self.line("rogue", project: nil, mounts: [("/opt/docker-volumes", "/all", true)]),
            Self.line("backup-kopia-1", project: "backup", mounts: [("/opt/docker-volumes", "/source", false)]),
        ])
        // One problem a mount, naming one of the stack's folders under it.
        #expect(found.problems.count == 1)
        #expect(found.problems[0].hasPrefix("container rogue bind-mounts /opt/docker-volumes read-write (/opt/docker-volumes/"))
        #expect(found.problems[0].contains(" is in or around it), which ") && found.problems[0].hasSuffix("stop it (`docker stop rogue`) or change the stack"))
        let inside = try Self.findings([Self.line("rogue", project: nil, mounts: [("/opt/docker-volumes/planka/db/pg_wal", "/wal", true)])])
        #expect(inside.problems.count == 1 && inside.problems[0].contains("(/opt/docker-volumes/planka/db is in or around it), which planka-postgres will mount read-write"))
        #expect(found.warnings.count == 1 && found.warnings[0].hasPrefix("container backup-kopia-1 (compose project backup") && found.warnings[0].contains(" read-only "))
    }

    @Test func aHeldPortStopsTheDeployWhereTheAddressesMeet() throws {
        let found = try Self.findings([
            Self.line("production-traefik-1", ports: #"{"443/tcp":[{"HostIp":"","HostPort":"443"}],"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"80"}]}"#),
            Self.line("side", project: nil, ports: #"{"8080/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}],"443/udp":[{"HostIp":"","HostPort":"443"}]}"#),
        ])
        #expect(found.problems.count == 2)
        #expect(found.problems[0].hasPrefix("container production-traefik-1 (compose project production, folder /srv/tangram/production) publishes host port 443/tcp, which traefik will publish;"))
        #expect(found.problems[1].contains("publishes host port 80/tcp"))
        #expect(ForeignHolders.overlaps("127.0.0.1", "") && ForeignHolders.overlaps(nil, "127.0.0.2") && !ForeignHolders.overlaps("127.0.0.1", "127.0.0.2"))
    }

    @Test func aStoppedHolderIsAWarningThatItWouldTakeThemBack() throws {
        let found = try Self.findings([
            Self.line("old-traefik", state: "exited", ports: #"{"80/tcp":[{"HostIp":"","HostPort":"80"}]}"#, mounts: [("/opt/docker-volumes/traefik", "/x", true)])
        ])
        #expect(found.problems.isEmpty)
        #expect(found.warnings.count >= 2 && found.warnings.allSatisfy { $0.hasSuffix("(stopped; it would take them back once started)") })
    }

    @Test func thisEnvironmentsOwnContainersAndTheSharedOwnersAreNotForeign() throws {
        let ours = Self.line("tangram-planka-postgres-1", project: "tangram", folder: "/opt/services/", mounts: [("/opt/docker-volumes/planka/db", "/d", true)])
        #expect(try Self.findings([ours]) == ForeignHolders.Findings())
        // The same project name run from another folder is not ours: compose would take its containers over.
        let elsewhere = Self.line("tangram-planka-postgres-1", project: "tangram", folder: "/root/tangram", mounts: [("/opt/docker-volumes/planka/db", "/d", true)])
        #expect(try Self.findings([elsewhere]).problems.count == 1)
        // The socket is shared by design: a foreign Watchtower beside Berth's is no conflict.
        #expect(try Self.findings([Self.line("w", project: nil, mounts: [("/var/run/docker.sock", "/var/run/docker.sock", true)])]) == ForeignHolders.Findings())
    }

    @Test func aStagingEnvironmentLeavesTheProxyItSharesAlone() throws {
        let stack = try Fixtures.stack(environment: "staging")
        let proxy = Self.line("tangram-traefik-1", project: "tangram", folder: "/opt/services", ports: #"{"443/tcp":[{"HostIp":"","HostPort":"443"}]}"#)
        let facts = PreflightFacts("container=" + proxy)
        #expect(ForeignHolders.findings(facts.containers, stack: stack, root: "/opt/services-staging") == ForeignHolders.Findings())
    }
}
