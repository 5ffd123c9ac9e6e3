/// The notification of `berth check --watch` when checks change status (not when only their message does).
public struct CheckNotice: Sendable {
    public var title: String
    public var message: String

    /// Nil when no check changed status since `previous` (keyed `plugin/check`).
    public init?(previous: [String: CheckResult], results: [CheckResult], environment: String) {
        let changed = results.filter { previous["\($0.module)/\($0.check)"].map(\.status) != $0.status }
        guard !changed.isEmpty else { return nil }
        let failing = results.filter { $0.status == .fail }.count
        title = failing == 0 ? "checks of \(environment) are green again" : "checks of \(environment): \(failing) failing"
        message = changed.map { result in
            let before = previous["\(result.module)/\(result.check)"].map { "\($0.status)" } ?? "new"
            return "\(result.module)/\(result.check): \(before) -> \(result.status): \(result.message)"
        }.joined(separator: "\n")
    }
}
