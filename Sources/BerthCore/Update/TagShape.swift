import Foundation

/// An image tag read as prefix, numeric parts and suffix: `v3.0` is (`v`, [3, 0], ``), `7.4.2-alpine` is (``, [7, 4, 2], `-alpine`).
///
/// Two tags are candidates for each other only when they have the same shape: the same prefix,
/// as many numeric parts and the same suffix. Pre-releases are never candidates.
public struct TagShape: Sendable, Hashable {
    public var prefix: String
    public var numbers: [Int]
    public var suffix: String

    /// How far a newer version is from the current one.
    public enum Step: String, Sendable, Codable, Comparable {
        case patch, minor, major

        public static func < (lhs: Step, rhs: Step) -> Bool {
            [Step.patch, .minor, .major].firstIndex(of: lhs)! < [Step.patch, .minor, .major].firstIndex(of: rhs)!
        }
    }

    /// Words that mark a pre-release anywhere in the suffix.
    static let prereleaseWords = ["rc", "beta", "alpha", "nightly", "testing", "dev", "pre", "snapshot"]

    /// Reads a tag; nil when it has no numbers (`latest`, `edge`).
    public init?(_ tag: String) {
        let characters = Array(tag)
        guard let start = characters.firstIndex(where: { $0.isASCII && $0.isNumber }) else { return nil }
        var numbers: [Int] = []
        var index = start
        var current = ""
        while index < characters.count {
            let char = characters[index]
            if char.isASCII && char.isNumber {
                current.append(char)
            } else if char == "." && !current.isEmpty && index + 1 < characters.count && characters[index + 1].isNumber {
                numbers.append(Int(current) ?? 0)
                current = ""
            } else {
                break
            }
            index += 1
        }
        numbers.append(Int(current) ?? 0)
        prefix = String(characters[..<start])
        self.numbers = numbers
        suffix = String(characters[index...])
    }

    /// A pre-release (`2027.1.0-rc1`, `v3.1-beta`): never offered as an update.
    public var isPrerelease: Bool {
        let lower = suffix.lowercased()
        return Self.prereleaseWords.contains { word in
            lower.range(of: "(^|[^a-z])\(word)([^a-z]|$)", options: .regularExpression) != nil
        }
    }

    /// Same prefix, as many numbers, same suffix.
    public func sameShape(as other: TagShape) -> Bool {
        prefix == other.prefix && numbers.count == other.numbers.count && suffix == other.suffix
    }

    /// How `newer` differs from this version, or nil when it is not newer.
    public func step(to newer: TagShape) -> Step? {
        guard let first = numbers.indices.first(where: { index in index < newer.numbers.count && numbers[index] != newer.numbers[index] }),
            newer.numbers[first] > numbers[first]
        else { return nil }
        return first == 0 ? .major : first == 1 ? .minor : .patch
    }

    /// The newest candidate at each step among `tags`: same shape, not a pre-release, newer than this one,
    /// and kept by `filter` when one is given.
    public func newest(among tags: [String], where filter: (String, Step) -> Bool = { _, _ in true }) -> [Step: String] {
        var best: [Step: (TagShape, String)] = [:]
        for tag in tags {
            guard let shape = TagShape(tag), sameShape(as: shape), !shape.isPrerelease, let step = step(to: shape), filter(tag, step) else { continue }
            if let current = best[step], !current.0.numbers.lexicographicallyPrecedes(shape.numbers) { continue }
            best[step] = (shape, tag)
        }
        return best.mapValues(\.1)
    }

    /// Floating tags (`latest`, `16-alpine`, `7`) move with each release: they are compared by digest, not by version.
    public var isFloating: Bool { numbers.count < 2 }
}
