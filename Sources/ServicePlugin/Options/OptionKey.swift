/// A module option declared once: its spec (type, default, description) and a typed key to read it with.
///
/// Declare it as a static property and read it as `options[Self.subdomain]`; a misspelt
/// name is then a compile error instead of a crash at render time.
public struct OptionKey<Value: OptionValueRepresentable>: OptionDeclaration {
    public let spec: OptionSpec

    init(name: String, type: OptionType, default value: Value?, description: String) {
        spec = OptionSpec(name, type, default: value?.optionValue, description)
    }

    /// The option's key under `services.<module>:` in `berth.yaml`.
    public var name: String { spec.name }
}

/// Anything that declares one option; a module lists these in ``ServicePlugin/options``.
public protocol OptionDeclaration: Sendable {
    var spec: OptionSpec { get }
}

extension OptionKey where Value == String {
    /// A string-shaped option (`.string`, `.dnsLabel`, `.email`, `.url`, `.oneOf`, `.duration`, `.hostPath`, `.ipAddress`, `.identifier`).
    public init(_ name: String, _ type: OptionType = .string, default value: String, _ description: String) {
        self.init(name: name, type: type, default: value, description: description)
    }

    /// A string option `berth.yaml` must set.
    public init(required name: String, _ type: OptionType = .string, _ description: String) {
        self.init(name: name, type: type, default: nil, description: description)
    }
}

extension OptionKey where Value == String? {
    /// A string-shaped option that may be left empty; it reads as nil then.
    public init(_ name: String, _ type: OptionType = .string, unsetByDefault description: String) {
        self.init(name: name, type: type, default: .some(nil), description: description)
    }

    /// An optional string-shaped option with a non-empty default.
    public init(_ name: String, _ type: OptionType = .string, default value: String, _ description: String) {
        self.init(name: name, type: type, default: value, description: description)
    }
}

extension OptionKey where Value == Bool {
    public init(_ name: String, default value: Bool, _ description: String) {
        self.init(name: name, type: .bool, default: value, description: description)
    }
}

extension OptionKey where Value == Int {
    public init(_ name: String, in range: ClosedRange<Int>, default value: Int, _ description: String) {
        self.init(name: name, type: .integer(range), default: value, description: description)
    }
}

extension OptionKey where Value == [String] {
    public init(_ name: String, default value: [String], _ description: String) {
        self.init(name: name, type: .stringList, default: value, description: description)
    }
}
