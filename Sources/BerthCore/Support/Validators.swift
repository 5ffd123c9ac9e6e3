import Foundation
import ServicePlugin

/// Value checks shared by the config reader, module options and env files.
///
/// Each returns nil when the value is fine, or the message to report.
public enum Validators {
    /// An image tag as the distribution spec allows it: letters, digits, `.`, `_`, `-`, at most 128 characters.
    public static func isImageTag(_ value: String) -> Bool {
        value.range(of: "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", options: .regularExpression) != nil
    }

    public static func dnsLabel(_ value: String) -> String? {
        let ok =
            (1...63).contains(value.count)
            && value.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
            && value.first != "-" && value.last != "-"
        return ok ? nil : "must be a DNS label (a-z, 0-9 and '-', 1 to 63 characters, no leading or trailing '-'), got '\(quoted(value))'"
    }

    /// A name that needs no quoting in SQL, a URL, compose or a shell: a PostgreSQL role or database.
    public static func identifier(_ value: String) -> String? {
        let ok = (1...63).contains(value.count) && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        return ok ? nil : "must be 1 to 63 letters, digits or '_', got '\(quoted(value))'"
    }

    public static func hostname(_ value: String) -> String? {
        let labels = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let ok = value.count <= 253 && labels.count >= 2 && labels.allSatisfy { dnsLabel($0) == nil }
        return ok ? nil : "must be a lowercase hostname such as example.org, got '\(quoted(value))'"
    }

    public static func email(_ value: String) -> String? {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let ok =
            parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !value.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
        return ok ? nil : "must be an e-mail address, got '\(quoted(value))'"
    }

    public static func url(_ value: String) -> String? {
        guard let components = URLComponents(string: value), let scheme = components.scheme, !scheme.isEmpty,
            let host = components.host, !host.isEmpty || scheme == "file"
        else { return "must be a URL with a scheme and a host, such as https://example.org" }
        return nil
    }

    public static func port(_ value: String) -> String? {
        guard isASCIIDigits(value), value.count <= 5, let number = Int(value), (1...65535).contains(number) else { return "must be a port number from 1 to 65535" }
        return nil
    }

    public static func bool(_ value: String) -> String? {
        ["true", "false", "1", "0", "yes", "no"].contains(value.lowercased()) ? nil : "must be true or false"
    }

    /// Go-style durations as compose and most services read them: `30s`, `5m`, `1h30m`, `250ms`.
    public static func duration(_ value: String) -> String? {
        let pattern = #"^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$"#
        return value.range(of: pattern, options: .regularExpression) == nil ? "must be a duration such as 30s, 5m or 1h30m" : nil
    }

    /// An absolute host path made of characters that need no quoting in compose or a shell.
    public static func safeAbsolutePath(_ value: String) -> String? {
        guard value.hasPrefix("/") else { return "must be an absolute path, got '\(quoted(value))'" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/")
        guard value.allSatisfy({ allowed.contains($0) }) else {
            return "may hold only letters, digits, '.', '_', '-' and '/', got '\(quoted(value))'"
        }
        guard !value.split(separator: "/").contains("..") else { return "must not contain '..'" }
        return nil
    }

    /// A value for a message: at most 80 characters, with what was left out counted, and control characters shown as `?`.
    public static func quoted(_ value: String, limit: Int = 80) -> String {
        let shown = String(value.prefix(limit).map { $0.isASCII && ($0.asciiValue! < 0x20 || $0.asciiValue! == 0x7F) ? "?" : $0 })
        return value.count > limit ? shown + "… (\(value.count) characters)" : shown
    }

    /// A host path Berth may bind-mount or write: ``safeAbsolutePath``, normalised (no `//`, `.`, `..`
    /// or trailing `/`), and not the root folder itself.
    public static func hostPath(_ value: String) -> String? {
        if let problem = safeAbsolutePath(value) { return problem }
        if value == "/" { return "must not be the root folder /" }
        guard value == HostPath.normalised(value) else { return "must be a normalised path (no '//', '.', '..' or trailing '/'): write '\(HostPath.normalised(value))'" }
        return nil
    }

    /// A compose project name: lowercase letters, digits, '-' and '_', starting with a letter or digit.
    public static func projectName(_ value: String) -> String? {
        let ok = value.range(of: "^[a-z0-9][a-z0-9_-]*$", options: .regularExpression) != nil
        return ok ? nil : "must be a compose project name (lowercase letters, digits, '-' and '_'), got '\(quoted(value))'"
    }

    /// An IANA time zone such as `Europe/Paris` or `UTC`.
    public static func timezone(_ value: String) -> String? {
        // Foundation also takes GMT+5 and abbreviations, which containers read differently (GMT+5 is UTC-5 to them).
        let named = value == "UTC" || TimeZone.knownTimeZoneIdentifiers.contains(value)
        return named ? nil : "must be an IANA time zone name such as Europe/Paris or UTC, got '\(quoted(value))'"
    }

    /// A time of day as `HH:MM` (24 h), or `off`.
    public static func dailyTime(_ value: String) -> String? {
        value == "off" || value.range(of: "^([01][0-9]|2[0-3]):[0-5][0-9]$", options: .regularExpression) != nil
            ? nil : "must be a time of day such as 05:00 (24 h, server time), or off"
    }

    /// One or more ASCII digits `0-9` (Swift's `isNumber` also takes other scripts' digits).
    public static func isASCIIDigits(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// An IPv4 address in dotted decimal, four parts of 0 to 255 without leading zeros.
    public static func isIPv4(_ value: String) -> Bool {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                isASCIIDigits(String(part)) && part.count <= 3 && (part.count == 1 || part.first != "0") && Int(part)! <= 255
            }
    }

    /// An IPv6 address as `inet_pton` reads it.
    public static func isIPv6(_ value: String) -> Bool {
        var address = in6_addr()
        return value.allSatisfy(\.isASCII) && inet_pton(AF_INET6, value, &address) == 1
    }

    /// An address to publish ports on: IPv4 or IPv6 (without brackets), or empty for every address.
    public static func bindAddress(_ value: String) -> String? {
        value.isEmpty || isIPv4(value) || isIPv6(value) ? nil : "must be an IPv4 or IPv6 address such as 127.0.0.1, got '\(quoted(value))'"
    }

    /// `uid:gid` with numbers, as `user:` takes it.
    public static func userSpec(_ value: String) -> String? {
        value.range(of: "^[0-9]{1,10}(:[0-9]{1,10})?$", options: .regularExpression) == nil ? "must be uid:gid with numbers, such as 1000:1000" : nil
    }
}
