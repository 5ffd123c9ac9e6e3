import Foundation
import ServicePlugin

/// Deploy targets that `rsync --delete` would wipe something in: the project, the root folder, another environment.
enum TargetRules {
    /// Why a `file:` target may not be used, or nil. Berth's own `.berth/` beside the config is the one place inside the project it may deploy to.
    static func localProblem(_ path: String, configFolder: String) -> String? {
        let path = HostPath.normalised(path)
        if path == "/" { return "must not be the root folder /" }
        if HostPath.isUnder(configFolder, path) { return "\(path) holds the config file's folder \(configFolder): a deploy would delete the project" }
        if HostPath.isUnder(path, configFolder) && !HostPath.isUnder(path, configFolder + "/.berth") {
            return "\(path) is inside the config file's folder; deploy to a folder outside the project, or under its .berth/"
        }
        return nil
    }

    /// A host name (labels of letters, digits and '-', none starting or ending with '-'), an IPv4 address, or `[IPv6]`.
    static func isSSHHost(_ host: String) -> Bool {
        if host.hasPrefix("["), host.hasSuffix("]") { return Validators.isIPv6(String(host.dropFirst().dropLast())) }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return host.count <= 253
            && labels.allSatisfy { label in
                (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                    && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
            }
    }

    /// Two environments whose targets on one host are the same folder, or one inside the other.
    static func overlaps(_ environments: [EnvironmentConfig], nodes: [String: ConfigNode]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (index, later) in environments.enumerated() {
            for earlier in environments[..<index] where machine(earlier.target) == machine(later.target) {
                let a = earlier.target.path, b = later.target.path
                guard HostPath.isUnder(a, b) || HostPath.isUnder(b, a) else { continue }
                let how = a == b ? "is the same folder as" : HostPath.isUnder(b, a) ? "is inside" : "holds"
                let location = nodes[later.name].map { "\($0.location)" }
                found.append(
                    Diagnostic(
                        path: "environments.\(later.name).target", "\(b) \(how) environments.\(earlier.name).target \(a) on the same machine: one deploy would delete the other's files",
                        location: location))
            }
        }
        return found
    }

    /// Which machine a target is on: this one, or an SSH host and port.
    static func machine(_ target: DeployTarget) -> String {
        switch target {
        case .file: "local"
        case .ssh(_, let host, let port, _): "\(host.lowercased()):\(port ?? 22)"
        }
    }
}
