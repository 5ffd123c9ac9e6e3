import Foundation

/// The outcome of one health check.
public struct CheckResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, Comparable {
        case ok, warn, fail

        public static func < (lhs: Status, rhs: Status) -> Bool {
            let order: [Status] = [.ok, .warn, .fail]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
        }
    }

    public var module: String
    public var check: String
    public var status: Status
    public var latencyMs: Int
    public var message: String

    public init(module moduleID: String, check: String, status: Status, latencyMs: Int, message: String) {
        self.module = moduleID
        self.check = check
        self.status = status
        self.latencyMs = latencyMs
        self.message = message
    }
}

extension Array where Element == CheckResult {
    /// The exit code `berth check` returns: 1 on a failure, or on a warning with `strict`.
    public func exitStatus(strict: Bool) -> ExitStatus {
        contains { $0.status == .fail || strict && $0.status == .warn } ? .failure : .success
    }

    /// A table grouped by module: check, status, latency, message.
    public var table: String {
        let widths = (
            check: Swift.max(5, map(\.check.count).max() ?? 0),
            status: 6
        )
        var lines: [String] = []
        var moduleID: String?
        for result in self {
            if result.module != moduleID {
                moduleID = result.module
                lines.append((lines.isEmpty ? "" : "\n") + result.module)
            }
            let check = result.check.padding(toLength: widths.check, withPad: " ", startingAt: 0)
            let status = result.status.rawValue.padding(toLength: widths.status, withPad: " ", startingAt: 0)
            let latency = "\(result.latencyMs) ms".padding(toLength: 9, withPad: " ", startingAt: 0)
            lines.append("  \(check)  \(status)  \(latency)  \(result.message)")
        }
        return lines.joined(separator: "\n")
    }
}
