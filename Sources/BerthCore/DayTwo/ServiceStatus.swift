import Foundation

/// One service of the stack as `berth ps` shows it.
public struct ServiceStatus: Codable, Sendable, Hashable {
    public var service: String
    /// The module that renders it; nil for a container of the project that no module renders any more.
    public var module: String?
    /// Docker's state (`running`, `exited`, `restarting`…), or `missing` when the stack expects a container and there is none.
    public var state: String
    /// The healthcheck's status, nil when the container has none.
    public var health: String?
    public var image: String?
    /// When a running container started (RFC 3339), and how many seconds ago.
    public var startedAt: String?
    public var uptimeSeconds: Int?

    public init(
        service: String, module: String?, state: String, health: String? = nil, image: String? = nil, startedAt: String? = nil, uptimeSeconds: Int? = nil
    ) {
        self.service = service
        self.module = module
        self.state = state
        self.health = health
        self.image = image
        self.startedAt = startedAt
        self.uptimeSeconds = uptimeSeconds
    }

    /// The state of a service the stack expects but the engine has no container for.
    public static let missing = "missing"

    /// Every key, absent values as `null`, so scripts see the same shape for every service.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(service, forKey: .service)
        try container.encode(module, forKey: .module)
        try container.encode(state, forKey: .state)
        try container.encode(health, forKey: .health)
        try container.encode(image, forKey: .image)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(uptimeSeconds, forKey: .uptimeSeconds)
    }
}

extension [ServiceStatus] {
    /// A table: service, module, state, health, image (digest shortened), uptime.
    public var table: String {
        let rows = map { status in
            [
                status.service, status.module ?? "-", status.state, status.health ?? "-", status.image.map(ServiceStatus.shortImage) ?? "-",
                status.uptimeSeconds.map(ServiceStatus.duration) ?? "-",
            ]
        }
        return TextTable.render(["SERVICE", "MODULE", "STATE", "HEALTH", "IMAGE", "UPTIME"], rows)
    }
}

extension ServiceStatus {
    /// `repo:tag@sha256:0123456789ab`: a digest is shown by its first 12 digits.
    static func shortImage(_ image: String) -> String {
        guard let at = image.range(of: "@sha256:") else { return image }
        return String(image[..<at.upperBound]) + image[at.upperBound...].prefix(12)
    }

    /// `45s`, `12m 5s`, `3h 12m`, `2d 4h`.
    static func duration(_ seconds: Int) -> String {
        let (days, hours, minutes) = (seconds / 86400, seconds % 86400 / 3600, seconds % 3600 / 60)
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m \(seconds % 60)s" }
        return "\(seconds)s"
    }
}
