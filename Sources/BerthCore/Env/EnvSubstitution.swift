/// Compose's variable substitution inside `.env` values: `$$`, `$VAR`, `${VAR}`, and `${VAR:-x}`,
/// `${VAR-x}`, `${VAR:+x}`, `${VAR+x}`, `${VAR:?x}`, `${VAR?x}`; an unknown variable is empty.
enum EnvSubstitution {
    static func substitute(_ value: String, _ known: [String: String]) -> String {
        let chars = Array(value.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < chars.count {
            let char = chars[index]
            guard char == "$", index + 1 < chars.count else { out.append(char); index += 1; continue }
            let next = chars[index + 1]
            if next == "$" {
                out.append("$")
                index += 2
            } else if next == "{", let close = closingBrace(chars, from: index + 2) {
                out.append(contentsOf: braced(String(String.UnicodeScalarView(chars[(index + 2)..<close])), known).unicodeScalars)
                index = close + 1
            } else if isNameStart(next) {
                var end = index + 1
                while end < chars.count, isNameStart(chars[end]) || ("0"..."9").contains(chars[end]) { end += 1 }
                out.append(contentsOf: (known[String(String.UnicodeScalarView(chars[(index + 1)..<end]))] ?? "").unicodeScalars)
                index = end
            } else {
                out.append(char)
                index += 1
            }
        }
        return String(out)
    }

    /// `NAME` and its optional operator and word, between the braces.
    private static func braced(_ body: String, _ known: [String: String]) -> String {
        let name = String(body.unicodeScalars.prefix { isNameStart($0) || ("0"..."9").contains($0) })
        let rest = String(body.dropFirst(name.count))
        let value = known[name]
        for op in [":-", ":+", ":?", "-", "+", "?"] where rest.hasPrefix(op) {
            let word = substitute(String(rest.dropFirst(op.count)), known)
            let set = op.hasPrefix(":") ? !(value ?? "").isEmpty : value != nil
            switch op.last {
            case "-": return set ? value ?? "" : word
            case "+": return set ? word : ""
            default: return value ?? ""
            }
        }
        return value ?? ""
    }

    private static func closingBrace(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var depth = 0
        for index in start..<chars.count {
            if chars[index] == "{" { depth += 1 }
            if chars[index] == "}" {
                if depth == 0 { return index }
                depth -= 1
            }
        }
        return nil
    }

    private static func isNameStart(_ char: Unicode.Scalar) -> Bool {
        char == "_" || ("a"..."z").contains(char) || ("A"..."Z").contains(char)
    }
}
