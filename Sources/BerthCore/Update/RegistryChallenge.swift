import Foundation

/// A `WWW-Authenticate` challenge from a registry: `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`.
public struct RegistryChallenge: Sendable, Equatable {
    public var scheme: String
    public var parameters: [String: String]

    /// Parses one challenge; quoted values may hold commas and escaped quotes.
    public init?(_ header: String) {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(of: " ") else {
            guard !trimmed.isEmpty else { return nil }
            scheme = trimmed.lowercased()
            parameters = [:]
            return
        }
        scheme = trimmed[..<space].lowercased()
        var parameters: [String: String] = [:]
        var rest = trimmed[trimmed.index(after: space)...]
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let char = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        value.append(char)
                        escaped = false
                    } else if char == "\\" {
                        escaped = true
                    } else if char == "\"" {
                        break
                    } else {
                        value.append(char)
                    }
                }
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            if !key.isEmpty { parameters[key] = value }
        }
        self.parameters = parameters
    }

    /// For a bearer challenge: the token endpoint with its `service` and `scope` as query items.
    public var tokenURL: String? {
        guard scheme == "bearer", let realm = parameters["realm"] else { return nil }
        var query: [String] = []
        for key in ["service", "scope"] {
            if let value = parameters[key] { query.append("\(key)=\(Self.escape(value))") }
        }
        return query.isEmpty ? realm : realm + (realm.contains("?") ? "&" : "?") + query.joined(separator: "&")
    }

    static func escape(_ value: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return value.utf8.map { byte in
            allowed.contains(Character(UnicodeScalar(byte))) ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }.joined()
    }
}
