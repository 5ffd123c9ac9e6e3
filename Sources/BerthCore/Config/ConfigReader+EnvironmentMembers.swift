import Foundation
import ServicePlugin
import Yams

extension ConfigReader {
    /// An environment's `services:`: the ids of top-level modules it runs (with their top-level options).
    mutating func readEnvironmentServices(_ node: ConfigNode, known: [String]) -> [String]? {
        guard let ids = strings(node) else { return nil }
        var chosen: [String] = []
        for id in ids {
            if !known.contains(id) {
                diagnostics.append(node.error("'\(Validators.quoted(id))' is not enabled under services: (enabled: \(known.joined(separator: ", ")))"))
            } else if !chosen.contains(id) {
                chosen.append(id)
            }
        }
        return chosen
    }

    /// An environment's `apps:`: each entry is a top-level app with some fields replaced (`tag: staging`),
    /// `~` for a top-level app as it is, or an app of the environment's own (a mail catcher) with every field.
    mutating func readEnvironmentApps(_ node: ConfigNode, base: ConfigNode?) -> [AppSpec] {
        if node.isNull { return [] }
        guard let pairs = node.pairs else {
            diagnostics.append(node.error("must be a mapping of app names to their settings, or to ~ for a top-level app as it is"))
            return []
        }
        let basePairs = base?.pairs ?? []
        return pairs.compactMap { name, appNode in
            let inherited = basePairs.first { $0.0 == name }?.1
            guard let merged = Self.merged(inherited, appNode) else {
                diagnostics.append(appNode.error("is not an app under apps: give its image, tag and settings, or a mapping of the fields that differ"))
                return nil
            }
            // A top-level app's name was checked with it; an environment's own app is checked here.
            guard inherited != nil || appNameIsFree(name, appNode) else { return nil }
            return readApp(name, merged)
        }
    }

    /// The top-level app's fields with the environment's replacing them key by key; each keeps its own line.
    static func merged(_ base: ConfigNode?, _ override: ConfigNode) -> ConfigNode? {
        guard let base else { return override.isNull ? nil : override }
        if override.isNull { return ConfigNode(node: base.node, path: override.path, file: override.file) }
        guard case .mapping(let baseMapping) = base.node, case .mapping(let overrideMapping) = override.node else { return override }
        var pairs: [(Node, Node)] = baseMapping.filter { key, _ in !overrideMapping.keys.contains(key) }.map { ($0.key, $0.value) }
        pairs += overrideMapping.map { ($0.key, $0.value) }
        return ConfigNode(node: .mapping(Node.Mapping(pairs, overrideMapping.tag, overrideMapping.style, overrideMapping.mark)), path: override.path, file: override.file)
    }
}
