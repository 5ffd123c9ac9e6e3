import Foundation

/// One placement constraint Berth understands and can check against the configured nodes.
///
/// Swarm knows more attributes (`node.role`, `node.platform.os`, …); Berth takes the two that pin
/// services to nodes by name or by label, so `validate` can tell which nodes a service may run on.
public struct SwarmConstraint: Sendable, Hashable, CustomStringConvertible {
    /// What a constraint compares: the node's hostname, or one of its labels.
    public enum Attribute: Sendable, Hashable {
        case hostname
        case label(String)
    }

    /// The attribute, `==` (true) or `!=` (false), and the value compared with.
    public var attribute: Attribute
    public var equal: Bool
    public var value: String

    /// Parses `node.labels.KEY == VALUE`, `node.hostname != NAME` and the like; nil for anything else.
    public init?(_ text: String) {
        let op = text.contains("==") ? "==" : "!="
        let parts = text.components(separatedBy: op)
        guard parts.count == 2 else { return nil }
        let left = parts[0].trimmingCharacters(in: .whitespaces)
        let right = parts[1].trimmingCharacters(in: .whitespaces)
        guard ConfigReader.isLabelPart(right) else { return nil }
        if left == "node.hostname" {
            attribute = .hostname
        } else if left.hasPrefix("node.labels."), ConfigReader.isLabelPart(String(left.dropFirst("node.labels.".count))) {
            attribute = .label(String(left.dropFirst("node.labels.".count)))
        } else {
            return nil
        }
        equal = op == "=="
        value = right
    }

    public var description: String {
        let left: String =
            switch attribute {
            case .hostname: "node.hostname"
            case .label(let key): "node.labels.\(key)"
            }
        return "\(left) \(equal ? "==" : "!=") \(value)"
    }

    /// Whether a node satisfies this constraint.
    public func admits(_ node: SwarmNode) -> Bool {
        let actual: String? =
            switch attribute {
            case .hostname: node.name
            case .label(let key): node.labels[key]
            }
        return (actual == value) == equal
    }
}
