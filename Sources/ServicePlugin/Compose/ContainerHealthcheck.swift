/// A Docker healthcheck (compose's `healthcheck:`), run by the engine inside the container.
///
/// Not to be confused with ``HealthCheck``, which Berth itself runs from `berth check` and the deploy gate.
public struct ContainerHealthcheck: Sendable, Hashable {
    /// `CMD` argv, or a `CMD-SHELL` line.
    public enum Test: Sendable, Hashable {
        case exec([String])
        case shell(String)
    }

    public var test: Test
    public var interval: String
    public var timeout: String
    public var retries: Int
    public var startPeriod: String
    /// How often the engine checks during `startPeriod` (compose's `start_interval`), so a fresh container
    /// is found healthy within a second or two rather than one `interval` after it started. Rendered only
    /// for an engine that has it (``DockerFeatures``); nil leaves it out everywhere.
    public var startInterval: String?

    public init(
        _ test: Test, interval: String = "30s", timeout: String = "5s", retries: Int = 5, startPeriod: String = "20s", startInterval: String? = "2s"
    ) {
        self.test = test
        self.interval = interval
        self.timeout = timeout
        self.retries = retries
        self.startPeriod = startPeriod
        self.startInterval = startInterval
    }

    /// `pg_isready` against the container's own database, as the official images ship it.
    public static func pgIsReady(user: String, database: String) -> ContainerHealthcheck {
        ContainerHealthcheck(.exec(["pg_isready", "-U", user, "-d", database]), interval: "5s")
    }
}
