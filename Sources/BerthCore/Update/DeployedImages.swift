import Foundation
import ServicePlugin

/// The digests recorded by the live release, for telling a new build of an unchanged tag.
public struct DeployedImages: Sendable {
    public var release: String?
    /// Image reference → `sha256:…`.
    public var digests: [String: String]
    public var warnings: [String]

    public init(release: String? = nil, digests: [String: String] = [:], warnings: [String] = []) {
        self.release = release
        self.digests = digests
        self.warnings = warnings
    }

    /// Reads the live release's record; a target that cannot be read leaves a warning, not a failure.
    public static func read(_ stack: Stack, runner: any CommandRunner) async -> DeployedImages {
        let store = ReleaseStore(remote: Remote(stack.environment), runner: runner)
        do {
            guard let id = try await store.current() else {
                return DeployedImages(warnings: ["nothing is deployed to \(stack.environment.name) yet: no digests to compare floating tags with"])
            }
            guard let record = try await store.record(id) else {
                return DeployedImages(release: id, warnings: ["release \(id) has no record: no digests to compare with"])
            }
            var digests: [String: String] = [:]
            for image in record.release.images {
                if let digest = image.digest, let at = digest.range(of: "@") { digests[image.reference] = String(digest[at.upperBound...]) }
            }
            return DeployedImages(release: id, digests: digests)
        } catch {
            return DeployedImages(warnings: ["cannot read the deployed release of \(stack.environment.name) (\(error)): floating tags are not compared"])
        }
    }
}
