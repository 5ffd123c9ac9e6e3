import BerthCore
import Foundation
import Testing

/// Tangram's production folder (`../shared/reference/tangram-production`), brought up as it runs today by
/// `scripts/tangram-seed` (which says what it changes, and why): compose project `production`, its data in a
/// folder that stands for `/opt/docker-volumes`.
struct TangramSeed {
    let root: String
    /// The compose folder: its name is the project's.
    let folder: String
    /// Stands for `/opt/docker-volumes`.
    let volumes: String
    let httpPort: Int
    let httpsPort: Int
    let project = "production"

    init() throws {
        root = Scratch.directory("tangram-seed")
        folder = root + "/production"
        volumes = root + "/docker-volumes"
        httpPort = try LoopbackPort.free()
        httpsPort = try LoopbackPort.free()
    }

    static func script(_ arguments: [String]) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["BERTH_REFERENCE"] = Run.shared + "/reference/tangram-production"
        environment["BERTH_TESTBED_REGISTRY"] = Testbed.registry
        try Run.program(Run.packageRoot + "/scripts/tangram-seed", arguments, environment: environment).requireSuccess()
    }

    /// Copies and rewrites the folder, makes its data folders and runs `docker compose up -d --wait`.
    func up() throws { try Self.script(["up", root, String(httpPort), String(httpsPort)]) }

    /// `count` rows in both databases and three files in Planka's attachments.
    func seedRows(_ count: Int) throws { try Self.script(["rows", root, String(count)]) }

    /// Each container of the project, as `name state` lines with their ids, sorted.
    func containers() throws -> String {
        try Run.shell("docker ps -a --filter label=com.docker.compose.project=\(project) --format '{{.ID}} {{.Names}} {{.State}}' | sort").stdout
    }

    func tearDown() {
        _ = try? Self.script(["down", root])
    }
}

extension Run {
    /// Throws with what it printed unless it exited 0.
    @discardableResult
    func requireSuccess() throws -> Run {
        guard status == 0 else { throw BerthError.failed("exit \(status): \(output)") }
        return self
    }
}
