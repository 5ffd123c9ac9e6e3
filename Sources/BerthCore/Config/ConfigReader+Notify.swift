import Foundation

extension ConfigReader {
    static let notifyKeys = ["url", "on", "from", "to", "username", "password", "ca_file"]

    /// `notify:`: a list of URLs, or of `{ url: …, on: […], … }` entries.
    mutating func readNotify(_ node: ConfigNode) -> [NotifyTarget] {
        guard let items = node.items else {
            diagnostics.append(node.error("must be a list of notification URLs (ntfy://, https://, smtp://, smtps://)"))
            return []
        }
        return items.compactMap { item in
            if item.scalar != nil { return notifyURL(item) }
            guard let fields = mapping(item, allowed: Self.notifyKeys), let url = fields["url"] else {
                if item.pairs != nil { diagnostics.append(Diagnostic(path: "\(item.path).url", "is required", location: item.location)) }
                return nil
            }
            guard var target = notifyURL(url) else { return nil }
            if let on = fields["on"], let names = strings(on) {
                let events = names.compactMap(NotifyEvent.init(rawValue:))
                if events.count != names.count {
                    diagnostics.append(on.error("must list events among \(NotifyEvent.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
                target.events = Set(events)
            }
            target.caFile = string(fields, "ca_file", item, default: "", check: Self.localFile)?.nonEmpty.map(absolute)
            guard target.kind == .smtp else {
                for key in ["from", "to", "username", "password"] where fields[key] != nil {
                    diagnostics.append(fields[key]!.error("only applies to smtp:// and smtps:// notifiers"))
                }
                return target
            }
            target.from = string(fields, "from", item, check: Validators.email)
            target.to = fields["to"].flatMap { strings($0) } ?? []
            if fields["to"] == nil { diagnostics.append(Diagnostic(path: "\(item.path).to", "is required: the addresses to mail", location: item.location)) }
            for address in target.to where Validators.email(address) != nil { diagnostics.append(fields["to"]!.error("'\(Validators.quoted(address))' is not an email address")) }
            target.username = string(fields, "username", item, default: "") { _ in nil }?.nonEmpty
            target.password = fields["password"].flatMap { node in
                secretSource(node).map { SecretCommand(module: "", key: "password", command: $0, path: node.path, location: node.location) }
            }
            if target.username != nil, target.password == nil {
                diagnostics.append(Diagnostic(path: "\(item.path).password", "is required with username: { command: \"pass show …\" }", location: item.location))
            }
            return target
        }
    }

    /// One URL: its scheme decides the kind; credentials in it are refused, since berth.yaml is committed.
    mutating func notifyURL(_ node: ConfigNode) -> NotifyTarget? {
        guard let text = node.scalar, let url = URL(string: text), let scheme = url.scheme, let host = url.host, !host.isEmpty else {
            diagnostics.append(node.error("must be a URL: ntfy://host/topic, https://…, smtp://host:587 or smtps://host:465"))
            return nil
        }
        if url.user != nil || url.password != nil {
            diagnostics.append(node.error("must not hold credentials (berth.yaml is committed): use username and password: { command: … }"))
            return nil
        }
        switch scheme {
        case "ntfy" where url.path.count > 1: return NotifyTarget(kind: .ntfy, url: text)
        case "https", "http": return NotifyTarget(kind: .webhook, url: text)
        case "smtp", "smtps": return NotifyTarget(kind: .smtp, url: text)
        default:
            diagnostics.append(node.error("unsupported notifier '\(Validators.quoted(text))': use ntfy://host/topic, https://…, smtp://host:587 or smtps://host:465"))
            return nil
        }
    }
}
