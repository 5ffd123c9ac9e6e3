/// One typed option of a module, with its default and description (like a NixOS module option).
public struct OptionSpec: Sendable, Hashable {
    public var name: String
    public var type: OptionType
    /// The value used when `berth.yaml` leaves the option out; `nil` makes the option required.
    public var defaultValue: OptionValue?
    public var description: String

    public init(_ name: String, _ type: OptionType, default defaultValue: OptionValue?, _ description: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.description = description
    }
}

/// The shape an option value must have.
public enum OptionType: Sendable, Hashable, CustomStringConvertible {
    case string
    case bool
    case integer(ClosedRange<Int>)
    /// A single DNS label such as `planka`; empty means the apex domain where allowed.
    case dnsLabel(allowEmpty: Bool)
    case email
    case url
    case oneOf([String])
    case stringList
    /// A duration like `30s`, `5m` or `1h30m`.
    case duration
    /// An absolute, normalised host path of `A-Z a-z 0-9 . _ - /`, as `data_root` takes it; empty for none where allowed.
    case hostPath(allowEmpty: Bool)
    /// An IPv4 or IPv6 address (no brackets); empty for none where allowed.
    case ipAddress(allowEmpty: Bool)
    /// A name such as a PostgreSQL role or database: 1 to 63 of `A-Z a-z 0-9 _`; empty for none where allowed.
    case identifier(allowEmpty: Bool)
    /// A backup repository of one of these kinds (``BackupRepository``): a host path, or an off-site URL.
    case backupRepository([BackupRepository.Scheme])

    public var description: String {
        switch self {
        case .string: "string"
        case .bool: "bool"
        case .integer(let range): "integer (\(range.lowerBound)...\(range.upperBound))"
        case .dnsLabel: "DNS label"
        case .email: "email"
        case .url: "URL"
        case .oneOf(let values): "one of " + values.joined(separator: ", ")
        case .stringList: "list of strings"
        case .duration: "duration"
        case .hostPath: "absolute host path"
        case .ipAddress: "IP address"
        case .identifier: "identifier (letters, digits, _)"
        case .backupRepository(let schemes): "backup repository (" + schemes.map { $0 == .folder ? "folder" : "\($0.rawValue):" }.joined(separator: ", ") + ")"
        }
    }
}

/// A decoded option value.
public enum OptionValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case bool(Bool)
    case integer(Int)
    case list([String])

    public var description: String {
        switch self {
        case .string(let value): value
        case .bool(let value): String(value)
        case .integer(let value): String(value)
        case .list(let values): "[" + values.joined(separator: ", ") + "]"
        }
    }
}
