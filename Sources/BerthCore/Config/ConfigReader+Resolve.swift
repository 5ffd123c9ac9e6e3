import Foundation

extension ConfigReader {
    /// `resolve:`, hostnames (or `*.<domain>`) to `IP` or `IP:PORT`, as `curl --resolve` takes them.
    mutating func readResolve(_ node: ConfigNode) -> [String: ResolvedAddress] {
        guard let pairs = node.pairs else {
            diagnostics.append(node.error("must be a mapping of hostnames to IP or IP:PORT"))
            return [:]
        }
        var found: [String: ResolvedAddress] = [:]
        for (host, value) in pairs {
            let name = host.hasPrefix("*.") ? String(host.dropFirst(2)) : host
            if let problem = Validators.hostname(name) {
                diagnostics.append(value.error("hostname \(problem)"))
                continue
            }
            guard let text = value.scalar, let address = Self.address(text) else {
                diagnostics.append(value.error("must be IP or IP:PORT, e.g. 127.0.0.1:8443, got '\(Validators.quoted(value.scalar ?? ""))'"))
                continue
            }
            found[host] = address
        }
        return found
    }

    /// `127.0.0.1`, `127.0.0.1:8443`, `::1` or `[::1]:8443`.
    static func address(_ text: String) -> ResolvedAddress? {
        if Validators.isIPv4(text) || Validators.isIPv6(text) { return ResolvedAddress(ip: text) }
        var host = text
        var port = ""
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            port = String(text[close...].dropFirst().drop { $0 == ":" })
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            port = String(text[text.index(after: colon)...])
        }
        guard Validators.isIPv4(host) || Validators.isIPv6(host), let number = Int(port), (1...65535).contains(number) else { return nil }
        return ResolvedAddress(ip: host, port: number)
    }
}
