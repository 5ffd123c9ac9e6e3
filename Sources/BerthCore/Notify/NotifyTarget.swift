import Foundation

/// One place events are sent to (`notify:`): an ntfy topic, a webhook, or a mailbox over SMTP.
public struct NotifyTarget: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// `ntfy://host/topic`: a POST to `https://host/topic` with ntfy's headers.
        case ntfy
        /// `https://…`: a POST of a JSON body.
        case webhook
        /// `smtp://host:587` (STARTTLS, required) or `smtps://host:465` (implicit TLS).
        case smtp
    }

    public var kind: Kind
    /// The address as written in `berth.yaml`; never holds credentials (the reader refuses them).
    public var url: String
    /// Which events go here; every event when the entry names none.
    public var events: Set<NotifyEvent> = Set(NotifyEvent.allCases)
    /// Mail only: sender, recipients, login.
    public var from: String?
    public var to: [String] = []
    public var username: String?
    public var password: SecretCommand?
    /// A CA bundle on the deploying machine and on the server, for a relay with a private CA.
    public var caFile: String?

    public init(kind: Kind, url: String) {
        self.kind = kind
        self.url = url
    }

    /// The URL curl is given: `ntfy://` becomes `https://`.
    public var endpoint: String {
        kind == .ntfy ? "https://" + url.dropFirst("ntfy://".count) : url
    }
}

/// What happened, as a notification names it.
public enum NotifyEvent: String, Sendable, Hashable, CaseIterable, Codable {
    /// A deploy succeeded.
    case deploy
    /// A deploy failed, and was rolled back (or could not be).
    case rollback
    /// A backup failed, or the backups went stale.
    case backup
    /// A check changed state under `berth check --watch`.
    case check
}

extension BerthConfig {
    /// The notifiers of one environment: its own `notify:` when set, else the top-level one.
    public func notify(for environment: String) -> [NotifyTarget] {
        environments.first { $0.name == environment }?.notify ?? notify
    }
}
