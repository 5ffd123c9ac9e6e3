import Foundation

extension ConfigReader {
    /// The keys of a mapping node; unknown keys are reported with the allowed ones.
    mutating func mapping(_ node: ConfigNode, allowed: [String]) -> [String: ConfigNode]? {
        guard let pairs = node.pairs else {
            diagnostics.append(node.error(node.path.isEmpty ? "the config must be a mapping" : "must be a mapping"))
            return nil
        }
        var fields: [String: ConfigNode] = [:]
        for (key, value) in pairs {
            if allowed.contains(key) {
                fields[key] = value
            } else {
                diagnostics.append(value.error("unknown key (allowed: \(allowed.joined(separator: ", ")))"))
            }
        }
        return fields
    }

    /// A string field: required when `default` is nil, then checked.
    mutating func string(
        _ fields: [String: ConfigNode], _ key: String, _ parent: ConfigNode, default defaultValue: String? = nil,
        check: (String) -> String?
    ) -> String? {
        guard let node = fields[key] else {
            if defaultValue == nil {
                let path = parent.path.isEmpty ? key : "\(parent.path).\(key)"
                diagnostics.append(Diagnostic(path: path, "is required", location: parent.location))
            }
            return defaultValue
        }
        guard let text = node.scalar, !node.isNull else {
            diagnostics.append(node.error("must be a string"))
            return nil
        }
        if let problem = check(text) {
            diagnostics.append(node.error(problem))
            return nil
        }
        return text
    }
}
