import Foundation

/// `notify-sinks.py` on loopback: an HTTPS webhook receiver and two real SMTP servers (aiosmtpd),
/// STARTTLS and implicit TLS, both requiring a login; stopped by ``stop()``.
final class NotifySinks {
    let folder: String
    let certificate: String
    let process = Process()
    var https = 0, starttls = 0, smtps = 0
    static let user = "berth-relay"

    init(password: String) throws {
        folder = Scratch.directory("sinks")
        certificate = folder + "/cert.pem"
        let made = try Run.program(
            "/usr/bin/openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", folder + "/key.pem", "-out", certificate])
        guard made.status == 0 else { throw SinkError.start(made.output) }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Run.packageRoot + "/Tests/HostTests/Support/notify-sinks.py", folder, certificate, folder + "/key.pem", Self.user, password]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        // The one line it prints once every port listens.
        var line = Data()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        for part in String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace) {
            let pair = part.split(separator: "=").map(String.init)
            guard pair.count == 2, let port = Int(pair[1]) else { continue }
            switch pair[0] {
            case "https": https = port
            case "starttls": starttls = port
            case "smtps": smtps = port
            default: break
            }
        }
        guard https > 0, starttls > 0, smtps > 0 else {
            stop()
            throw SinkError.start("notify-sinks.py did not start: \(String(decoding: line, as: UTF8.self))")
        }
    }

    /// Every request the webhook receiver got: path, headers, body.
    func requests() -> [[String: Any]] { records("http.jsonl") }
    /// Every mail the SMTP servers took: kind (starttls or smtps), from, to, data, login.
    func mails() -> [[String: Any]] { records("mail.jsonl") }

    /// Everything received, as text, for "the marker is nowhere" checks.
    var everything: String {
        ((try? String(contentsOfFile: folder + "/http.jsonl", encoding: .utf8)) ?? "") + ((try? String(contentsOfFile: folder + "/mail.jsonl", encoding: .utf8)) ?? "")
    }

    func records(_ name: String) -> [[String: Any]] {
        let text = (try? String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Webhook bodies of one event, decoded.
    func webhooks(_ event: String) -> [[String: Any]] {
        requests().filter { ($0["path"] as? String) == "/hook" }.compactMap { request in
            (try? JSONSerialization.jsonObject(with: Data(((request["body"] as? String) ?? "").utf8))) as? [String: Any]
        }.filter { ($0["event"] as? String) == event }
    }

    /// SIGKILL: processes started from the test runner inherit its blocked SIGTERM.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    enum SinkError: Error { case start(String) }
}
