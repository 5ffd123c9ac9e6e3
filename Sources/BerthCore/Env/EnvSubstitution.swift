/// Compose's variable substitution inside `.env` values: `$$`, `$VAR`, `${VAR}`, and `${VAR:-x}`,
/// `${VAR-x}`, `${VAR:+x}`, `${VAR+x}`, `${VAR:?x}`, `${VAR?x}`; an unknown variable is empty.
enum EnvSubstitution {
    /// Why compose would refuse a value; never quotes the value itself.
    struct Problem: Error, Equatable {
        var reason: String
    }

    static func substitute(_ value: String, _ known: [String: String]) -> Result<String, Problem> {
        let chars = Array(value.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < chars.count {
            let char = chars[index]
            guard char == "$", index + 1 < chars.count else {
                out.append(char)
                index += 1
                continue
            }
            let next = chars[index + 1]
            if next == "$" {
                out.append("$")
                index += 2
            } else if next == "{" {
                guard let close = closingBrace(chars, from: index + 2) else { return .failure(Problem(reason: "a ${ is never closed")) }
                switch braced(String(String.UnicodeScalarView(chars[(index + 2)..<close])), known) {
                case .success(let text): out.append(contentsOf: text.unicodeScalars)
                case .failure(let problem): return .failure(problem)
                }
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
        return .success(String(out))
    }

    /// `NAME` and its optional operator and word, between the braces.
    private static func braced(_ body: String, _ known: [String: String]) -> Result<String, Problem> {
        let name = String(body.unicodeScalars.prefix { isNameStart($0) || ("0"..."9").contains($0) })
        guard let first = name.unicodeScalars.first, isNameStart(first) else { return .failure(Problem(reason: "a ${…} does not start with a variable name")) }
        let rest = String(body.dropFirst(name.count))
        let value = known[name]
        if rest.isEmpty { return .success(value ?? "") }
        for op in [":-", ":+", ":?", "-", "+", "?"] where rest.hasPrefix(op) {
            let set = op.hasPrefix(":") ? !(value ?? "").isEmpty : value != nil
            switch op.last {
            case "-": return set ? .success(value ?? "") : substitute(String(rest.dropFirst(op.count)), known)
            case "+": return set ? substitute(String(rest.dropFirst(op.count)), known) : .success("")
            default: return set ? .success(value ?? "") : .failure(Problem(reason: "${\(name)\(op)…} requires \(name), which is not set"))
            }
        }
        return .failure(Problem(reason: "${\(name)…} is not a form compose knows"))
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
