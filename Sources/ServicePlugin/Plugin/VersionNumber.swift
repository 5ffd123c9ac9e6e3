/// The numeric part of an image tag, for comparing versions such as `2024.12.2` or `v3.0`.
///
/// A tag without numbers (`latest`) has no version and counts as newer than any number.
public struct VersionNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var components: [Int]

    public init(_ components: [Int]) { self.components = components }

    /// Reads the leading dotted numbers of a tag, after an optional `v`.
    public init?(tag: String) {
        var rest = Substring(tag)
        if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
        var parts: [Int] = []
        var current = ""
        for char in rest {
            if char.isASCII && char.isNumber {
                current.append(char)
            } else if char == "." && !current.isEmpty {
                parts.append(Int(current) ?? 0)
                current = ""
            } else {
                break
            }
        }
        if !current.isEmpty { parts.append(Int(current) ?? 0) }
        guard !parts.isEmpty else { return nil }
        components = parts
    }

    public static func < (lhs: VersionNumber, rhs: VersionNumber) -> Bool {
        let count = max(lhs.components.count, rhs.components.count)
        for index in 0..<count {
            let a = index < lhs.components.count ? lhs.components[index] : 0
            let b = index < rhs.components.count ? rhs.components[index] : 0
            if a != b { return a < b }
        }
        return false
    }

    public var description: String { components.map(String.init).joined(separator: ".") }
}

extension ImageRef {
    /// True when the tag is a version below `version`; tags without a version count as current.
    public func isOlder(than version: String) -> Bool {
        guard let mine = VersionNumber(tag: tag), let other = VersionNumber(tag: version) else { return false }
        return mine < other
    }
}
