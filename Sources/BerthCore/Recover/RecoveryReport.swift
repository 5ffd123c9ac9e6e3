/// What `berth recover` did, step by step with its time, for `--json` and `scripts/bench`.
public struct RecoveryReport: Encodable, Sendable, StepReport {
    public var environment: String
    public var target: String
    public var snapshot: String?
    /// The release the snapshot held, and the one recorded for the recovery.
    public var recoveredRelease: String?
    public var release: String?
    /// The step an earlier, interrupted run had finished; nil for a fresh recovery.
    public var resumedAfter: Int?
    public var steps: [DeployReport.Step] = []
    public var ok = false
    public var failedStep: String?
    public var error: String?
    /// The recovery time: every step's seconds.
    public var totalSeconds: Double { steps.reduce(0) { $0 + $1.seconds } }

    public init(environment: String, target: String) {
        self.environment = environment
        self.target = target
    }

    enum CodingKeys: String, CodingKey {
        case environment, target, snapshot, recoveredRelease, release, resumedAfter, steps, ok, failedStep, error, totalSeconds
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(environment, forKey: .environment)
        try container.encode(target, forKey: .target)
        try container.encodeIfPresent(snapshot, forKey: .snapshot)
        try container.encodeIfPresent(recoveredRelease, forKey: .recoveredRelease)
        try container.encodeIfPresent(release, forKey: .release)
        try container.encodeIfPresent(resumedAfter, forKey: .resumedAfter)
        try container.encode(steps, forKey: .steps)
        try container.encode(ok, forKey: .ok)
        try container.encodeIfPresent(failedStep, forKey: .failedStep)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encode(totalSeconds, forKey: .totalSeconds)
    }
}
