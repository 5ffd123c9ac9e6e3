/// How `berth check` runs.
public struct CheckOptions: Sendable {
    /// Seconds each check may take unless it declares its own timeout.
    public var timeout: Double = 5
    /// Reach HTTP checks on the container's own address instead of the public hostname.
    public var direct = false
    /// Milliseconds an HTTP answer may take before it is a warning, unless the check says otherwise.
    public var slowAfterMs = 2000
    /// Only the checks a deploy waits for (see ``HealthCheck/gatesDeploy``).
    public var deployGate = false

    public init(timeout: Double = 5, direct: Bool = false, slowAfterMs: Int = 2000, deployGate: Bool = false) {
        self.timeout = timeout
        self.direct = direct
        self.slowAfterMs = slowAfterMs
        self.deployGate = deployGate
    }
}
