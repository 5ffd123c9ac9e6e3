import Foundation

extension ConfigReader {
    static let ciKeys = ["berth"]
    static let releaseKeys = ["url", "sha256"]

    /// `ci: { berth: { url: …, sha256: … } }`: the release a stack repository's workflow installs instead of building.
    mutating func readCI(_ node: ConfigNode) -> BerthRelease? {
        guard let fields = mapping(node, allowed: Self.ciKeys) else { return nil }
        guard let berth = fields["berth"] else {
            diagnostics.append(Diagnostic(path: "ci.berth", "is required: the release the workflow installs ({ url: …, sha256: … })", location: node.location))
            return nil
        }
        guard let release = mapping(berth, allowed: Self.releaseKeys) else { return nil }
        let url = string(release, "url", berth, check: BerthRelease.urlProblem)
        let sha256 = string(release, "sha256", berth, check: BerthRelease.sha256Problem)
        guard let url, let sha256 else { return nil }
        return BerthRelease(url: url, sha256: sha256)
    }
}
