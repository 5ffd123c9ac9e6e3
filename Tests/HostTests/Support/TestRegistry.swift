import BerthCore
import Foundation

/// A real registry (Debian's docker-registry) of a test's own, on a free loopback port with its own storage.
final class TestRegistry {
    let port: Int
    let root: String
    private let process: Process

    var host: String { "127.0.0.1:\(port)" }

    /// Starts a registry; with `login`, it wants that user and password (htpasswd, bcrypt) on every request.
    init(login: (user: String, password: String)? = nil) throws {
        port = try LoopbackPort.free()
        root = Scratch.directory("registry")
        var auth = ""
        if let login {
            let made = try Run.program("/usr/bin/htpasswd", ["-Bbc", root + "/htpasswd", login.user, login.password])
            guard made.status == 0 else { throw TestbedError("htpasswd: \(made.stderr)") }
            auth = "auth: { htpasswd: { realm: berth-test, path: \(root)/htpasswd } }\n"
        }
        let config = """
            version: 0.1
            log: { level: error, accesslog: { disabled: true } }
            storage: { filesystem: { rootdirectory: \(root)/data } }
            http: { addr: 127.0.0.1:\(port), secret: berth-test }
            \(auth)
            """
        try config.write(toFile: root + "/config.yml", atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/docker-registry")
        process.arguments = ["serve", root + "/config.yml"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        try Listening.wait(for: port)
    }

    /// Pushes one small image per tag (each a different build), or `source` under every tag.
    func push(_ repository: String, _ tags: [String], source: String? = nil, dockerConfig: String? = nil) throws {
        let prefix = dockerConfig.map { "DOCKER_CONFIG=\($0) " } ?? ""
        for tag in tags {
            let ref = "\(host)/\(repository):\(tag)"
            let make =
                source.map { "docker tag \($0) \(ref)" }
                ?? "printf '%s' \(tag) > \(root)/tag && tar -C \(root) -cf - tag | docker import -c 'LABEL berth.test.build=\(UUID().uuidString)' - \(ref) >/dev/null"
            let pushed = try Run.shell("\(make) && \(prefix)docker push -q \(ref) >/dev/null && docker rmi \(ref) >/dev/null")
            guard pushed.status == 0 else { throw TestbedError("pushing \(ref): \(pushed.output)") }
        }
    }

    // SIGKILL: children of the test runner inherit its blocked signals, so SIGTERM would not reach them.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: root)
    }
}

/// The registry front of `Support/registry-front.py`: bearer tokens, paginated tag lists and 429s before a real registry.
final class RegistryFront {
    let port: Int
    private let process: Process

    var host: String { "127.0.0.1:\(port)" }

    init(upstream: TestRegistry, page: Int = 2, throttle: String = "0") throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Run.packageRoot + "/Tests/HostTests/Support/registry-front.py",
            "--upstream", "http://\(upstream.host)", "--page", "\(page)", "--throttle", throttle,
        ]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "listening ", with: "")) else {
            kill(process.processIdentifier, SIGKILL)
            throw TestbedError("registry-front did not start: \(line)")
        }
        self.port = port
    }

    /// What the front counted: token, unauthorized, throttled, tags (pages served) and manifests.
    func stats() throws -> [String: Int] {
        let answer = try Run.program("/usr/bin/curl", ["-fsS", "-m", "5", "http://\(host)/stats"])
        return (try JSONSerialization.jsonObject(with: Data(answer.stdout.utf8)) as? [String: Int]) ?? [:]
    }

    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

struct TestbedError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Waiting for the test's own servers.
enum Listening {
    /// Polls a TCP connect for up to 10 s.
    static func wait(for port: Int) throws {
        for _ in 0..<100 {
            if try Run.program("/usr/bin/curl", ["-s", "-o", "/dev/null", "-m", "1", "http://127.0.0.1:\(port)/v2/"]).status == 0 { return }
            usleep(100_000)
        }
        throw TestbedError("nothing listens on 127.0.0.1:\(port)")
    }
}
