import BerthTraefik
import Foundation
import PluginTesting
import ServicePlugin
import Testing

/// The rendered Swarm retry middleware in the real Traefik (the test bed's 3.7.15), on loopback: a task that takes a
/// request and closes the connection unanswered, as one whose engine stops does, costs no GET, while a POST is not sent twice.
@Suite struct TraefikRetryTests {
    static let binary = ProcessInfo.processInfo.environment["BERTH_TRAEFIK"] ?? "/var/lib/berth-testbed/tools/traefik"

    /// Two backends on loopback and a free port for Traefik, printed as `DROP GOOD FREE`. DROP reads a request and
    /// closes the connection; GOOD answers every request 200 on a kept connection.
    static let backends = """
        import socket, sys, threading
        def listener():
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(64); return s
        def drop(s):
            while True:
                c, _ = s.accept(); c.recv(65536); c.close()
        def serve(c):
            f = c.makefile("rb")
            while f.readline():
                length = 0
                while True:
                    h = f.readline()
                    if h in (b"\\r\\n", b""): break
                    if h.lower().startswith(b"content-length:"): length = int(h.split(b":")[1])
                f.read(length)
                c.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok")
            c.close()
        def good(s):
            while True:
                c, _ = s.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()
        d, g, free = listener(), listener(), listener()
        port = free.getsockname()[1]; free.close()
        threading.Thread(target=drop, args=(d,), daemon=True).start()
        threading.Thread(target=good, args=(g,), daemon=True).start()
        print(d.getsockname()[1], g.getsockname()[1], port, flush=True)
        sys.stdin.read()
        """

    @Test func aDroppedRequestIsRetriedOnTheOtherServerUnlessItIsAPost() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            let reason = "no real Traefik at \(Self.binary): scripts/testbed up fetches it; BERTH_TRAEFIK names another"
            FileHandle.standardError.write(Data("TraefikRetryTests: \(reason)\n".utf8))
            try Test.cancel(Comment(rawValue: reason))
        }
        var context = PluginFixtures.context(for: Traefik.self, identity: PluginFixtures.identity, routes: PluginFixtures.richRoutes)
        context.stack.swarm = true
        let retry = try #require(PluginFixtures.plugin(Traefik.self).compose(in: context).files.first { $0.path == "dynamic-conf/berth-retry.yaml" })

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-traefik-retry-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder + "/dyn", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", Self.backends]
        let ports = Pipe()
        let stdin = Pipe()
        python.standardOutput = ports
        python.standardInput = stdin
        try python.run()
        // Closing its standard input ends it: a test thread's blocked SIGTERM is inherited, so terminate() would not.
        defer { try? stdin.fileHandleForWriting.close() }
        let line = String(decoding: ports.fileHandleForReading.availableDataLine(), as: UTF8.self)
        let numbers = line.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(numbers.count == 3, "backends printed \(line)")
        let (drop, good, port) = (numbers[0], numbers[1], numbers[2])

        try retry.contents.write(toFile: folder + "/dyn/berth-retry.yaml", atomically: true, encoding: .utf8)
        try """
        http:
          routers:
            all: { rule: "PathPrefix(`/`)", entryPoints: [web], service: pair }
          services:
            pair:
              loadBalancer:
                servers: [{ url: "http://127.0.0.1:\(drop)" }, { url: "http://127.0.0.1:\(good)" }]
        """.write(toFile: folder + "/dyn/route.yaml", atomically: true, encoding: .utf8)
        try """
        global: { checkNewVersion: false, sendAnonymousUsage: false }
        log: { level: ERROR }
        entryPoints:
          web:
            address: "127.0.0.1:\(port)"
            http: { middlewares: [berth-retry@file] }
        providers:
          file: { directory: "\(folder)/dyn" }
        """.write(toFile: folder + "/traefik.yml", atomically: true, encoding: .utf8)
        let traefik = Process()
        traefik.executableURL = URL(fileURLWithPath: Self.binary)
        traefik.arguments = ["--configFile=\(folder)/traefik.yml"]
        traefik.standardOutput = FileHandle.nullDevice
        try traefik.run()
        defer {
            traefik.terminate()
            traefik.waitUntilExit()
        }

        let url = "http://127.0.0.1:\(port)/item"
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try? Self.status(url)) != 200 { Thread.sleep(forTimeInterval: 0.2) }
        let gets = try (0..<10).map { _ in try Self.status(url) }
        let posts = try (0..<10).map { _ in try Self.status(url, post: true) }
        #expect(gets == Array(repeating: 200, count: 10), "GETs: \(gets)")
        // Round robin sends every other POST to the dropping server, and Traefik answers it 502: the drop is real.
        #expect(posts.contains(502) && posts.contains(200), "POSTs: \(posts)")
    }

    /// The status code of one request through Traefik, by curl.
    static func status(_ url: String, post: Bool = false) throws -> Int {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        curl.arguments = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10"] + (post ? ["-d", "x"] : []) + [url]
        let out = Pipe()
        curl.standardOutput = out
        try curl.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        return Int(String(decoding: data, as: UTF8.self)) ?? 0
    }
}

extension FileHandle {
    /// Bytes up to the first newline, read one at a time so that nothing after it is taken.
    fileprivate func availableDataLine() -> Data {
        var line = Data()
        while let byte = try? read(upToCount: 1), let first = byte.first, first != UInt8(ascii: "\n") { line.append(first) }
        return line
    }
}
