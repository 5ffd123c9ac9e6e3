@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// Preflight reads each database folder's `PG_VERSION` and refuses an image of another major before anything starts.
@Suite struct DatabaseMajorsTests {
    @Test func everyDumpedDatabaseIsFoundWithItsFolderAndImage() throws {
        let databases = DatabaseMajors.databases(try Fixtures.stack())
        #expect(databases.map(\.service) == ["authentik-postgresql", "planka-postgres"])
        #expect(databases.map(\.folder) == ["/opt/docker-volumes/authentik/db", "/opt/docker-volumes/planka/db"])
        #expect(databases.allSatisfy { $0.imageName == "postgres" && $0.major != nil })
        #expect(Preflight.arguments(try Fixtures.stack(), remote: Remote(try Fixtures.stack().environment)).filter { $0.hasPrefix("pg:") } == databases.map { "pg:\($0.folder)" })
    }

    @Test func aClusterOfAnotherMajorIsRefusedWithBothMajorsAndTheWaysOut() throws {
        let stack = try Fixtures.stack()
        let planka = try #require(DatabaseMajors.databases(stack).first { $0.module == "planka" })
        let major = try #require(planka.major)
        let facts = PreflightFacts("pgversion=14 /opt/docker-volumes/planka/db\npgversion=\(major) /opt/docker-volumes/authentik/db\n")
        let problems = DatabaseMajors.problems(facts.databaseVersions, stack: stack)
        #expect(
            problems == [
                "planka-postgres: /opt/docker-volumes/planka/db holds a PostgreSQL 14 cluster (its PG_VERSION), but \(planka.image) runs PostgreSQL \(major), "
                    + "which refuses it; nothing was started: pin the running major (`pins: { planka: { postgres: \"14-alpine\" } }` in berth.lock), "
                    + "or upgrade the data with `berth db upgrade planka --to \(major)`"
            ])
        // A newer cluster than the image: no upgrade can help, only the pin.
        let newer = DatabaseMajors.problems(["/opt/docker-volumes/planka/db": "99"], stack: stack)
        #expect(newer.count == 1 && newer[0].hasSuffix("or a newer cluster cannot be started by an older server"))
        // No folder yet (a first deploy), or one that cannot be read: nothing to say.
        #expect(DatabaseMajors.problems([:], stack: stack).isEmpty)
    }

    @Test func theMajorIsTheTagsLeadingNumber() {
        func major(_ tag: String) -> Int? {
            DatabaseMajors.Database(module: "m", service: "s", folder: "/f", image: ImageRef(repository: "postgres", tag: tag), imageName: "postgres").major
        }
        #expect(major("14-alpine") == 14 && major("17.2-bookworm") == 17 && major("18") == 18 && major("latest") == nil)
    }
}
