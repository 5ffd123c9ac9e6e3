import Foundation

/// The off-site repositories of `scripts/testbed-offsite up`: moto's S3 and rclone's REST servers on 10.78.0.1.
struct Offsite {
    let s3: String
    let rest: String
    let restUser: String
    let restPassword: String
    let restAdmin: String
    let restAdminUser: String
    let restAdminPassword: String

    static let envFile = "/var/lib/berth-testbed/offsite.env"

    /// Read from the env file the script writes; nil when it is not up.
    static let current: Offsite? = {
        guard let text = try? String(contentsOfFile: envFile, encoding: .utf8) else { return nil }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        guard let s3 = values["BERTH_OFFSITE_S3"], let rest = values["BERTH_OFFSITE_REST"], let admin = values["BERTH_OFFSITE_REST_ADMIN"] else { return nil }
        return Offsite(
            s3: s3, rest: rest, restUser: values["BERTH_OFFSITE_REST_USER"] ?? "", restPassword: values["BERTH_OFFSITE_REST_PASSWORD"] ?? "",
            restAdmin: admin, restAdminUser: values["BERTH_OFFSITE_REST_ADMIN_USER"] ?? "", restAdminPassword: values["BERTH_OFFSITE_REST_ADMIN_PASSWORD"] ?? "")
    }()

    /// `scripts/testbed-offsite ARGUMENT`, which leaves servers running (``Run/spawned(_:)``).
    static func script(_ argument: String) throws -> Run {
        try Run.spawned("\(Run.packageRoot)/scripts/testbed-offsite \(argument)")
    }

    /// The real restic of the test bed's tools, run on this machine against `repository` with `environment` (credentials).
    static func restic(_ arguments: [String], repository: String, password: String, environment: [String: String] = [:]) throws -> Run {
        var all = ProcessInfo.processInfo.environment
        all["RESTIC_REPOSITORY"] = repository
        all["RESTIC_PASSWORD"] = password
        all["RESTIC_CACHE_DIR"] = NSTemporaryDirectory() + "berth-restic-cache"
        for (key, value) in environment { all[key] = value }
        return try Run.program("/var/lib/berth-testbed/tools/restic", arguments, environment: all)
    }

    /// `secrets:` lines for restic's keys, each read by `cat` from a file of `folder` that holds its value: a password
    /// manager as a test has one, on this machine only.
    static func secrets(_ values: [String: String], in folder: String) throws -> String {
        for (key, value) in values { try value.write(toFile: "\(folder)/\(key)", atomically: true, encoding: .utf8) }
        return values.keys.sorted().map { "  restic.\($0): { command: \"cat \(folder)/\($0)\" }" }.joined(separator: "\n")
    }
}
