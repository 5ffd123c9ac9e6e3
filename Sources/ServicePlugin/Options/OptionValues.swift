/// A module's options after the host checked them against its declared ``OptionKey``s.
///
/// Read them with a typed key, `options[Self.subdomain]`; the host has already checked
/// every given value against its type, and fills the rest from the declared defaults.
public struct OptionValues: Sendable, Hashable {
    public private(set) var values: [String: OptionValue]
    /// The image version set with `version:` in `berth.yaml`, if any.
    public var version: String?

    public init(_ values: [String: OptionValue] = [:], version: String? = nil) {
        self.values = values
        self.version = version
    }

    /// Fills every option missing from `given` with its default.
    public init(specs: [OptionSpec], given: [String: OptionValue], version: String? = nil) {
        var merged = given
        for spec in specs where merged[spec.name] == nil {
            if let value = spec.defaultValue { merged[spec.name] = value }
        }
        self.init(merged, version: version)
    }

    /// The option's value: as given in `berth.yaml`, or its default.
    public subscript<Value>(option: OptionKey<Value>) -> Value {
        // The host checked given values against the declared type, so a mismatch is a module declaring
        // a required option it never listed, or a host bug; neither can be a user's typo.
        guard let raw = values[option.name] ?? option.spec.defaultValue, let value = Value(optionValue: raw) else {
            preconditionFailure("option '\(option.name)' has no \(Value.self) value; is it listed in the module's options?")
        }
        return value
    }
}
