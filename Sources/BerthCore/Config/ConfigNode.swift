import Yams

/// A YAML node with its config path and line, so every problem can say where it is.
struct ConfigNode {
    let node: Node
    let path: String
    let file: String

    var location: String { "\(file):\(node.mark?.line ?? 1)" }

    func child(_ key: String, _ value: Node) -> ConfigNode {
        ConfigNode(node: value, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    func error(_ message: String) -> Diagnostic {
        Diagnostic(path: path, message, location: location)
    }

    /// The scalar text, or nil for maps and lists.
    var scalar: String? {
        if case .scalar(let scalar) = node { scalar.string } else { nil }
    }

    /// A plain `null`, `~` or empty value.
    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The pairs of a mapping, keys as strings, in file order.
    var pairs: [(String, ConfigNode)]? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping.map { key, value in
            let name = key.string ?? "?"
            return (name, child(name, value))
        }
    }

    var items: [ConfigNode]? {
        guard case .sequence(let sequence) = node else { return nil }
        return sequence.enumerated().map { index, value in
            ConfigNode(node: value, path: "\(path)[\(index)]", file: file)
        }
    }

    /// A YAML boolean, in the forms YAML 1.2 knows.
    var bool: Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return nil }
        switch scalar.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    var int: Int? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return nil }
        return Int(scalar.string)
    }
}
