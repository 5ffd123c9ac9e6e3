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
        let rows = TextTable.lines(map { [$0.check, $0.status.rawValue, "\($0.latencyMs) ms", $0.message] }, minimum: [5, 6, 9])
        var lines: [String] = []
        for (index, result) in enumerated() {
            if index == 0 || self[index - 1].module != result.module { lines.append((lines.isEmpty ? "" : "\n") + result.module) }
            lines.append("  " + rows[index])
        }
        return lines.joined(separator: "\n")
    }
}
