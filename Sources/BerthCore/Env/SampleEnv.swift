import Foundation
import ServicePlugin

/// `sample.env`: every key of a module's `.env`, with its description and a machine-readable annotation.
///
/// The annotation line (`# berth: required, secret, kind=url, shared=...`) lets `berth env check`
/// know each key's rules from the tree alone, on any machine, without `berth.yaml`.
public enum SampleEnv {
    public static let annotationPrefix = "# berth:"

    public static func render(_ schema: [EnvKey], module: String) -> String {
        var out = "# Rendered by Berth for module \(module). `berth env init` creates .env from it (mode 0600).\n"
        for key in schema {
            out += "\n# \(key.description)\n"
            out += annotationPrefix + " " + annotation(key) + "\n"
            // Defaults of non-secrets help the reader; secrets stay empty here.
            out += "\(key.name)=\(key.secret ? "" : key.defaultValue ?? "")\n"
        }
        return out
    }

    static func annotation(_ key: EnvKey) -> String {
        var parts = [key.required ? "required" : "optional"]
        if key.secret { parts.append("secret") }
        if key.kind != .string { parts.append("kind=" + kindName(key.kind)) }
        if let generator = key.generator { parts.append("generate=\(generator.length)/\(generator.alphabet.rawValue)") }
        if let shared = key.shared { parts.append("shared=\(shared)") }
        return parts.joined(separator: ", ")
    }

    static func kindName(_ kind: EnvKind) -> String {
        switch kind {
        case .enumeration(let values): "enum(" + values.joined(separator: "|") + ")"
        default: kind.description
        }
    }

    /// Reads the rules back from a sample file's annotations, by key name.
    public static func rules(_ file: EnvFile) -> [String: EnvKeyRule] {
        var rules: [String: EnvKeyRule] = [:]
        for entry in file.entries {
            guard let annotation = entry.annotation else { continue }
            rules[entry.key] = EnvKeyRule(annotation: annotation)
        }
        return rules
    }
}

/// The rules of one key as a sample file states them.
public struct EnvKeyRule: Sendable, Hashable {
    public var required = false
    public var secret = false
    public var kind: EnvKind = .string
    public var shared: String?

    init(annotation: String) {
        for part in annotation.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if part == "required" { required = true }
            if part == "secret" { secret = true }
            if part.hasPrefix("shared=") { shared = String(part.dropFirst("shared=".count)) }
            if part.hasPrefix("kind=") { kind = Self.kind(String(part.dropFirst("kind=".count))) }
        }
    }

    static func kind(_ name: String) -> EnvKind {
        switch name {
        case "url": .url
        case "email": .email
        case "port": .port
        case "bool": .bool
        case "duration": .duration
        default:
            if name.hasPrefix("enum("), name.hasSuffix(")") {
                .enumeration(name.dropFirst(5).dropLast().split(separator: "|").map(String.init))
            } else {
                .string
            }
        }
    }
}
