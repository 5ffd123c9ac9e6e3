import Foundation
import ServicePlugin

extension BerthConfig {
    /// The config with environment `name` aimed at another server (`berth recover --to`): `ssh://[user@]host[:port]`,
    /// with the environment's deploy folder, which the snapshot's files name; a usage error for anything else.
    public func recovering(_ name: String, onto text: String) throws -> BerthConfig {
        guard let index = environments.firstIndex(where: { $0.name == name }) else { throw BerthError.usage("no environment \(name) in berth.yaml") }
        let path = environments[index].target.path
        guard text.hasPrefix("ssh://"), let url = URLComponents(string: text), let host = url.host, TargetRules.isSSHHost(host),
            url.path.isEmpty || url.path == "/" || HostPath.normalised(url.path) == path
        else {
            throw BerthError.usage("--to must be ssh://[user@]host[:port] (the deploy folder stays \(path), as the snapshot names it), got '\(Validators.quoted(text))'")
        }
        var config = self
        config.environments[index].target = .ssh(user: url.user, host: host, port: url.port, path: path)
        return config
    }
}

extension RecoveryReport {
    /// The steps with their times, and the total: the recovery time.
    public var lines: [String] {
        steps.map { String(format: "%6.1f s  ", $0.seconds) + $0.name } + [
            String(format: "%6.1f s  recovery time", totalSeconds),
            "recovered \(environment) on \(target) from snapshot \(snapshot ?? "?") (release \(recoveredRelease ?? "?")), recorded as release \(release ?? "?")",
        ]
    }
}
