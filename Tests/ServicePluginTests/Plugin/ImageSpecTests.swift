import ServicePlugin
import Testing

@Suite struct ImageSpecTests {
    let planka = ImageSpec(
        name: "app", repository: "ghcr.io/plankanban/planka", defaultTag: "2.1.0", minimumVersion: "1.0.0", supportedBelow: "3.0.0",
        migrations: [.at("2.0.0", "move the three folders into data/")]
    )

    @Test func supportedRangeIsMinimumToExclusiveUpperBound() {
        #expect(planka.supports("1.0.0") && planka.supports("2.9.9"))
        #expect(!planka.supports("0.9.0") && !planka.supports("3.0.0") && !planka.supports("3.1.0"))
        #expect(planka.supports("latest"))
    }

    @Test func aBoundaryIsCrossedOnlyFromBelowToAtOrAbove() {
        #expect(planka.boundaries(from: "1.23.5", to: "2.0.0").map(\.note) == ["move the three folders into data/"])
        #expect(planka.boundaries(from: "1.23.5", to: "2.1.0").count == 1)
        #expect(planka.boundaries(from: "1.23.5", to: "1.24.0").isEmpty)
        #expect(planka.boundaries(from: "2.0.0", to: "2.1.0").isEmpty)
        #expect(planka.boundaries(from: "2.1.0", to: "1.23.5").isEmpty)
    }

    @Test func everyMajorBoundaryForPostgres() {
        let boundary = MigrationBoundary.postgresMajor
        #expect(boundary.isCrossed(from: "16-alpine", to: "17-alpine"))
        #expect(boundary.isCrossed(from: "16.4", to: "18.0"))
        #expect(!boundary.isCrossed(from: "16.4", to: "16.9"))
        #expect(!boundary.isCrossed(from: "latest", to: "17-alpine"))
    }
}
