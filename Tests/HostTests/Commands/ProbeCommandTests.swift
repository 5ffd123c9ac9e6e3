import Foundation
import Testing

/// `berth probe` against a real HTTP server on loopback (Python's, started for the test).
@Suite(.serialized) struct ProbeCommandTests {
    /// Answers `/ok` with 200, `/bad` with 500 and `/slow` with 200 after 3 s.
    final class Server {
        let process = Process()
        let port: Int

        init() throws {
            let script = """
                import http.server, sys, time
                class H(http.server.BaseHTTPRequestHandler):
                    def do_GET(self):
                        if self.path == "/slow": time.sleep(3)
                        self.send_response(500 if self.path == "/bad" else 200)
                        self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"hi")
                    def log_message(self, *a): pass
                s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
                print(s.server_address[1], flush=True)
                s.serve_forever()
                """
            let out = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script]
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
            guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                kill(process.processIdentifier, SIGKILL)
                throw CocoaError(.fileReadUnknown)
            }
            self.port = port
        }

        func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

        func stop() {
            // SIGKILL: children of the test runner inherit its blocked signals.
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }

    func results(_ run: Run) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test func reportsEachURLInOrderWithTheRightExitCode() throws {
        let server = try Server()
        defer { server.stop() }
        let green = try Run.berth(["probe", server.url("/ok"), server.url("/ok?again")])
        #expect(green.status == 0, "\(green.output)")
        let line = green.stdout.split(separator: "\n").first { $0.hasPrefix("  \(server.url("/ok")) ") }
        #expect(line?.contains(" ok ") == true, "\(green.stdout)")

        let mixed = try Run.berth(["probe", "--json", server.url("/bad"), server.url("/ok")])
        #expect(mixed.status == 1)
        let parsed = try results(mixed)
        #expect(parsed.map { $0["check"] as? String } == [server.url("/bad"), server.url("/ok")])
        #expect(parsed.map { $0["status"] as? String } == ["fail", "ok"])
        #expect(parsed[0]["message"] as? String == "GET \(server.url("/bad")) answered 500, expected 200")
        #expect(try Run.berth(["probe", "--expect", "500", server.url("/bad")]).status == 0)
    }

    @Test func aSlowAnswerIsAWarningThenAFailurePastTheTimeout() throws {
        let server = try Server()
        defer { server.stop() }
        let slow = try Run.berth(["probe", "--json", "--slow-after", "500", server.url("/slow")])
        #expect(slow.status == 0)
        #expect(try results(slow).first?["status"] as? String == "warn")
        let start = Date()
        let timedOut = try Run.berth(["probe", "--json", "--timeout", "1", server.url("/slow"), server.url("/ok")])
        #expect(timedOut.status == 1)
        #expect(try results(timedOut).map { $0["message"] as? String } == ["no answer within 1 s", "GET \(server.url("/ok")) answered 200"])
        #expect(Date().timeIntervalSince(start) < 2.9)
    }

    @Test func urlsFromAFileAndBadURLsAreUsageErrors() throws {
        let server = try Server()
        defer { server.stop() }
        let list = NSTemporaryDirectory() + "berth-probe-\(UUID().uuidString).txt"
        try "# endpoints\n\(server.url("/ok"))\n\n\(server.url("/ok?2"))\n".write(toFile: list, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: list) }
        let fromFile = try Run.berth(["probe", "--json", "--file", list])
        #expect(fromFile.status == 0)
        #expect(try results(fromFile).count == 2)

        let bad = try Run.berth(["probe", server.url("/ok"), "ftp://example.org/x", "planka"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("url 2: 'ftp://example.org/x' is not an absolute http(s) URL"))
        #expect(bad.stderr.contains("url 3: 'planka' is not an absolute http(s) URL"))
        #expect(try Run.berth(["probe"]).status == 2)
    }
}
