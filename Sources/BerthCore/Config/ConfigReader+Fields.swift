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

    /// An integer in `range`; module options and apps report the same two problems.
    mutating func integer(_ node: ConfigNode, in range: ClosedRange<Int>) -> Int? {
        guard let value = node.int else {
            diagnostics.append(node.error("must be an integer"))
            return nil
        }
        guard range.contains(value) else {
            diagnostics.append(node.error("must be from \(range.lowerBound) to \(range.upperBound), got \(value)"))
            return nil
        }
        return value
    }

    /// A YAML boolean, false when the field is absent.
    mutating func flag(_ node: ConfigNode?) -> Bool {
        guard let node else { return false }
        guard let value = node.bool else {
            diagnostics.append(node.error("must be true or false"))
            return false
        }
        return value
    }

    /// A list of at most ``maximumListLength`` strings; every item that is not one is reported, and then nil.
    mutating func strings(_ node: ConfigNode) -> [String]? {
        guard let items = node.items else {
            diagnostics.append(node.error("must be a list of strings"))
            return nil
        }
        guard items.count <= Self.maximumListLength else {
            diagnostics.append(node.error("holds \(items.count) entries; at most \(Self.maximumListLength)"))
            return nil
        }
        var values: [String] = []
        for item in items {
            guard let text = item.scalar else {
                diagnostics.append(item.error("must be a string"))
                continue
            }
            values.append(text)
        }
        return values.count == items.count ? values : nil
    }
}
