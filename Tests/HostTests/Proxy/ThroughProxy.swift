import Foundation

/// Requests sent from this machine to a proxy published on loopback, with curl `--resolve`, as a browser would send them.
struct ThroughProxy {
    /// The HTTPS and HTTP ports the proxy is published on, on 127.0.0.1.
    let httpsPort: Int
    let httpPort: Int
    /// The proxy's root certificate; nil sends without one, so verification must fail on an internal CA.
    var rootCertificate: String?
    /// Sends without verifying the certificate at all: Traefik's default certificate, where no deploy issued one, has no root to trust.
    var insecure = false

    struct Answer {
        let status: Int
        let headers: [String: String]
        let body: String
        /// curl's own exit status: 0, or e.g. 60 when the certificate does not verify.
        let curlStatus: Int32
    }

    /// One GET; `headers` are sent as given (forged ones included). Redirects are not followed.
    func get(_ url: String, headers: [String: String] = [:], cookie: String? = nil) throws -> Answer {
        guard let parsed = URLComponents(string: url), let host = parsed.host else { fatalError("not a URL: \(url)") }
        let port = parsed.scheme == "https" ? httpsPort : httpPort
        var target = parsed
        target.port = port
        var arguments = ["-sS", "--max-time", "10", "-D", "-", "--resolve", "\(host):\(port):127.0.0.1"]
        if let rootCertificate { arguments += ["--cacert", rootCertificate] }
        if insecure { arguments.append("--insecure") }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { arguments += ["-H", "\(name): \(value)"] }
        if let cookie { arguments += ["--cookie", cookie] }
        let run = try Run.program("/usr/bin/env", ["curl"] + arguments + [target.string!])
        return Self.parse(run.stdout, curlStatus: run.status)
    }

    static func parse(_ text: String, curlStatus: Int32) -> Answer {
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.isEmpty ? "" : lines.removeFirst()
        let status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Answer(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"), curlStatus: curlStatus)
    }

    /// The header lines an echoing stand-in saw, lower-cased names to values.
    static func echoedHeaders(_ body: String) -> [String: String] {
        var found: [String: String] = [:]
        for line in body.split(separator: "\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            found[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return found
    }
}
