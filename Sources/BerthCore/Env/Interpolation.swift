import Foundation
/// Finds the variables a compose file interpolates, honouring `$$` escapes.
public enum Interpolation {
    public struct Use: Sendable, Hashable {
        public var name: String
        public var line: Int
    }

    public static func variables(in text: String) -> [Use] {
        var uses: [Use] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // Comments are not interpolated.
            let content = line.trimmingCharacters(in: .whitespaces).hasPrefix("#") ? "" : line
            var chars = Array(content)[...]
            while let dollar = chars.firstIndex(of: "$") {
                chars = chars[(dollar + 1)...]
                guard let next = chars.first else { break }
                if next == "$" {
                    chars = chars.dropFirst()
                } else if next == "{" {
                    let name = chars.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    if !name.isEmpty { uses.append(Use(name: String(name), line: index + 1)) }
                } else if next.isLetter || next == "_" {
                    let name = chars.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    uses.append(Use(name: String(name), line: index + 1))
                }
            }
        }
        return uses
    }
}
