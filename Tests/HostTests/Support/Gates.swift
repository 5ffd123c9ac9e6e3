import Foundation
import Testing

/// What a host suite needs beyond the built `berth`; `swift test --filter` and the README name suites by these.
extension Tag {
    /// The test bed of `scripts/testbed up`: Docker, the registry of stand-in images, sshd on 127.0.0.1.
    @Tag static var testbed: Self
    /// The Swarm cluster of `scripts/testbed cluster`, which the suite brings up itself.
    @Tag static var cluster: Self
    /// Root, for mount namespaces and engines of the test's own.
    @Tag static var root: Self
    /// The rootless engine of `scripts/testbed-rootless up`.
    @Tag static var rootless: Self
    /// Debian trixie's dockerd 26 of `scripts/testbed-engine26 up`.
    @Tag static var engine26: Self
    /// Runs with no other suite beside it (scripts/lib/host-lanes): it restarts or stops what every suite uses
    /// (dockerd, the registry, every berth ssh master), removes images, or counts failed requests under load.
    @Tag static var alone: Self
}

/// Conditions that skip a suite with a message when what it needs is absent, rather than fail it.
extension Trait where Self == ConditionTrait {
    /// Skips unless the test bed answers, and always in `scripts/test --unit`.
    static var needsTestbed: Self {
        .enabled(if: Gates.testbedIsUp, "needs the test bed (scripts/testbed up); scripts/test --unit skips it")
    }

    /// Skips unless run as root.
    static var needsRoot: Self { .enabled(if: Gates.isRoot, "needs root") }

    /// Skips unless the test bed is up and the run is root, which `scripts/testbed cluster up` needs.
    static var needsCluster: Self {
        .enabled(if: Gates.testbedIsUp && Gates.isRoot, "needs the test bed and root for scripts/testbed cluster")
    }

    /// Skips unless `../shared` (the reference folder and schemas every developer and CI run has) is beside the project.
    static var needsShared: Self {
        .enabled(if: FileManager.default.fileExists(atPath: Run.shared), "needs ../shared beside the project")
    }

    /// Skips unless the rootless engine's socket is there.
    static var needsRootless: Self {
        .enabled(if: Gates.testbedIsUp && Gates.socketOf("rootless.env", "BERTH_TESTBED_ROOTLESS_SOCKET"), "needs scripts/testbed-rootless up")
    }

    /// Skips unless the off-site repositories of `scripts/testbed-offsite up` are written down.
    static var needsOffsite: Self {
        .enabled(if: Gates.testbedIsUp && Offsite.current != nil, "needs scripts/testbed-offsite up")
    }

    /// Skips unless the dockerd 26 engine's socket is there.
    static var needsEngine26: Self {
        .enabled(if: Gates.testbedIsUp && Gates.socketOf("engine26.env", "BERTH_TESTBED_ENGINE26_HOST"), "needs scripts/testbed-engine26 up")
    }
}

/// The checks behind the conditions, each quick enough to run while tests are planned.
enum Gates {
    /// `BERTH_TESTS=unit` (set by `scripts/test --unit`) treats the test bed as absent even where it is up.
    static let unitOnly = ProcessInfo.processInfo.environment["BERTH_TESTS"] == "unit"

    static let isRoot = getuid() == 0

    /// The env file is there and its sshd and registry accept connections: a test bed left down after a reboot skips too.
    static let testbedIsUp: Bool = {
        guard !unitOnly, FileManager.default.fileExists(atPath: Testbed.envFile) else { return false }
        let registryPort = Testbed.registry.split(separator: ":").last.flatMap { UInt16($0) } ?? 5000
        return [UInt16(Testbed.sshPort) ?? 2222, registryPort].allSatisfy(isListening)
    }()

    /// Whether the socket named by `key` in the test bed's `file` exists (`unix://` prefix or not).
    static func socketOf(_ file: String, _ key: String) -> Bool {
        guard let text = try? String(contentsOfFile: "/var/lib/berth-testbed/" + file, encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key + "=") })
        else { return false }
        let path = line.dropFirst(key.count + 1).replacingOccurrences(of: "unix://", with: "")
        return FileManager.default.fileExists(atPath: path)
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port` (refused at once when nothing listens).
    static func isListening(_ port: UInt16) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
