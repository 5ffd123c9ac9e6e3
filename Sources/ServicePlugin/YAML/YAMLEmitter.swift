/// Writes a ``YAMLValue`` as block-style YAML with two-space indentation.
///
/// Strings are left plain only when YAML 1.1 and 1.2 both read them back as the same
/// string; anything else (numbers, `yes`, `80:80`, `*`, leading spaces...) is double-quoted.
public enum YAMLEmitter {
    public static func emit(_ value: YAMLValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: YAMLValue, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .map(let pairs) where !pairs.isEmpty:
            for (key, child) in pairs {
                out += pad + scalar(key) + ":"
                writeChild(child, indent: indent, into: &out)
            }
        case .list(let items) where !items.isEmpty:
            for item in items {
                out += pad + "-"
                switch item {
                case .map(let pairs) where !pairs.isEmpty:
                    // The first key shares the dash's line; the rest align under it.
                    var first = ""
                    write(item, indent: indent + 2, into: &first)
                    out += " " + first.dropFirst(indent + 2)
                default:
                    writeChild(item, indent: indent, into: &out)
                }
            }
        default:
            out += pad + inline(value) + "\n"
        }
    }

    private static func writeChild(_ child: YAMLValue, indent: Int, into out: inout String) {
        switch child {
        case .map(let pairs) where !pairs.isEmpty:
            out += "\n"
            write(child, indent: indent + 2, into: &out)
        case .list(let items) where !items.isEmpty:
            out += "\n"
            write(child, indent: indent + 2, into: &out)
        case .tagged(let tag, let inner):
            switch inner {
            case .map(let pairs) where !pairs.isEmpty:
                out += " !" + tag + "\n"
                write(inner, indent: indent + 2, into: &out)
            case .list(let items) where !items.isEmpty:
                out += " !" + tag + "\n"
                write(inner, indent: indent + 2, into: &out)
            default:
                out += " " + inline(child) + "\n"
            }
        default:
            out += " " + inline(child) + "\n"
        }
    }

    private static func inline(_ value: YAMLValue) -> String {
        switch value {
        case .string(let string): scalar(string)
        case .int(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .list: "[]"
        case .map: "{}"
        case .tagged(let tag, let inner): "!" + tag + " " + inline(inner)
        }
    }

    /// A string as a YAML scalar: plain when unambiguous, double-quoted otherwise.
    public static func scalar(_ string: String) -> String {
        isPlainSafe(string) ? string : quoted(string)
    }

    private static let reserved: Set<String> = [
        "", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n",
    ]

    private static func isPlainSafe(_ string: String) -> Bool {
        if reserved.contains(string.lowercased()) { return false }
        guard let first = string.unicodeScalars.first else { return false }
        guard first.properties.isAlphabetic || first == "/" || first == "." || first == "_" else { return false }
        // A colon can make `80:80` a base-60 number in YAML 1.1, or start a mapping.
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./@=+")
        return string.allSatisfy { allowed.contains($0) } && Double(string) == nil
    }

    private static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
