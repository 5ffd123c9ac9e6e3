import ServicePlugin

/// Whether a deploy would change nothing: the same rendered tree, no `.env` written since, and every
/// container running healthy on the image its reference points to, with the digest the live release recorded.
public enum NoOpCheck {
    /// Why the deploy must run; empty when it can be skipped.
    public static func reasons(stack: Stack, tree: RenderedTree, live: ReleaseRecord, probe: NoOpProbe) -> [String] {
        var reasons: [String] = []
        if tree.checksum != live.release.checksum { reasons.append("the rendered files changed") }
        reasons += probe.newerEnvFiles.map { "\($0) changed" }
        let recorded = Dictionary(live.release.images.map { ($0.reference, $0.digest) }, uniquingKeysWith: { first, _ in first })
        for module in stack.modules {
            for service in module.fragment.services {
                let container = probe.facts.containers[service.name]
                let (status, detail) = container.readiness(service: service.name)
                if status != .ok {
                    reasons.append("\(service.name) is \(detail)")
                    continue
                }
                guard let reference = service.image?.description else { continue }
                guard let image = probe.images[reference], !image.id.isEmpty else {
                    reasons.append("\(reference) is not on the server")
                    continue
                }
                if container?.imageID != image.id { reasons.append("\(service.name) runs another image than \(reference) now names") }
                guard let digest = recorded[reference] ?? nil, image.digests.contains(digest) else {
                    reasons.append("\(reference) is not the build the live release recorded")
                    continue
                }
            }
        }
        let known = Set(stack.serviceNames)
        reasons += probe.facts.containers.keys.filter { !known.contains($0) }.sorted().map { "\($0) is no longer in the stack" }
        return reasons
    }
}
