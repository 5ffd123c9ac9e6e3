/// A module's options after the host checked them against its ``OptionSpec`` list.
///
/// Every declared option is present (given or defaulted), so the accessors never fail
/// for a declared name; asking for an undeclared name or the wrong type is a module bug.
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

    public func string(_ name: String) -> String {
        guard case .string(let value)? = values[name] else { preconditionFailure("option '\(name)' is not a string") }
        return value
    }

    public func bool(_ name: String) -> Bool {
        guard case .bool(let value)? = values[name] else { preconditionFailure("option '\(name)' is not a bool") }
        return value
    }

    public func integer(_ name: String) -> Int {
        guard case .integer(let value)? = values[name] else { preconditionFailure("option '\(name)' is not an integer") }
        return value
    }

    public func list(_ name: String) -> [String] {
        guard case .list(let value)? = values[name] else { preconditionFailure("option '\(name)' is not a list") }
        return value
    }

    /// An optional string option: empty means unset.
    public func optionalString(_ name: String) -> String? {
        let value = string(name)
        return value.isEmpty ? nil : value
    }
}
