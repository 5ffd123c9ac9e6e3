@testable import BerthCore
import ServicePlugin
import Testing

@Suite struct AppTagsTests {
    let config = try! Fixtures.config(AppsFixture.config())

    @Test func tagsReplaceTheConfiguredOnesAndDigestsPinTheRender() throws {
        var tagged = AppTags.applying(try AppTags.parse(["backend=sha-9f8e7d"], apps: config.apps), to: config)
        #expect(tagged.apps.map(\.tag) == ["production", "sha-9f8e7d"])
        tagged.appDigests = ["backend": "sha256:" + String(repeating: "ab", count: 32)]
        let stack = try StackBuilder().build(tagged, environment: "production")
        let image = try #require(stack.module("backend")?.fragment.services.first?.image)
        #expect(image.description == "ghcr.io/tangram-orchestre/backend:sha-9f8e7d@sha256:" + String(repeating: "ab", count: 32))
        // Only the app's own image is pinned; its database keeps its tag.
        #expect(stack.module("backend")?.fragment.services[1].image?.digest == nil)
        #expect(stack.module("website")?.fragment.services.first?.image?.digest == nil)
    }

    @Test func badTagArgumentsAreUsageErrors() {
        for (argument, message) in [
            ("backend", "--tag backend: write APP=TAG, e.g. --tag website=sha-1a2b3c"),
            ("api=v1", "--tag api=v1: no app named api (apps: website, backend)"),
            ("backend=a b", "--tag backend=a b: 'a b' is not an image tag"),
        ] {
            #expect(throws: BerthError.usage(message)) { try AppTags.parse([argument], apps: config.apps) }
        }
        #expect(throws: BerthError.usage("--tag names backend twice")) { try AppTags.parse(["backend=1", "backend=2"], apps: config.apps) }
    }

    @Test func aPinnedReferenceRecordsItsOwnDigest() {
        let pinned = "127.0.0.1:5000/berth-testbed/app:v1@sha256:" + String(repeating: "cd", count: 32)
        let images = DeploySession.digests(references: [pinned], inspect: "[]\n")
        #expect(images.first?.digest == "127.0.0.1:5000/berth-testbed/app@sha256:" + String(repeating: "cd", count: 32))
    }
}
