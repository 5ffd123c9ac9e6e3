import ServicePlugin

extension ConfigSchema {
    /// `services:`: a member for every registered module, with the options it declares, so a new module needs no edit here.
    static func services(_ registry: PluginRegistry) -> SchemaValue {
        let modules = Dictionary(registry.plugins.map { ($0.id, module($0)) }, uniquingKeysWith: { first, _ in first })
        return object(modules, "The enabled modules, each with its options (known: \(registry.ids.joined(separator: ", "))).").with("minProperties", 1)
    }

    /// One module: `version:`, `images:` and its options, those without a default required; `{}` or blank for all defaults.
    static func module(_ plugin: any ServicePlugin.Type) -> SchemaValue {
        var properties = Dictionary(plugin.optionSpecs.map { ($0.name, option($0)) }, uniquingKeysWith: { first, _ in first })
        if let first = plugin.images.first {
            properties["version"] = imageTag("The tag of \(first.repository) (default \(first.defaultTag), or berth.lock's pin).")
        } else {
            properties["version"] = imageTag("The tag of the module's first image.")
        }
        let pins = Dictionary(plugin.images.map { ($0.name, imageTag("The tag of \($0.repository) (default \($0.defaultTag)).")) }, uniquingKeysWith: { first, _ in first })
        properties["images"] = object(pins, "The tag of any of the module's images, by its name.")
        let required = plugin.optionSpecs.filter { $0.defaultValue == nil }.map(\.name)
        // A blank `planka:` enables the module with every default, as `planka: {}` does.
        return object(properties, required: required, plugin.summary).with("type", ["object", "null"])
    }

    /// One module option: its type's shape, with the module's description and default.
    public static func option(_ spec: OptionSpec) -> SchemaValue {
        var schema = shape(spec.type)
        schema["description"] = .string(spec.description)
        if let value = spec.defaultValue { schema["default"] = json(value) }
        return .object(schema)
    }

    /// What ``ConfigReader``'s `option(_:_:)` accepts for `type`.
    static func shape(_ type: OptionType) -> [String: SchemaValue] {
        switch type {
        // Any scalar's text, a blank value's too.
        case .string: return ["type": ["string", "number", "boolean", "null"]]
        case .bool: return ["type": "boolean"]
        case .integer(let range): return ["type": "integer", "minimum": .integer(range.lowerBound), "maximum": .integer(range.upperBound)]
        case .oneOf(let values): return ["type": "string", "enum": .array(values.map(SchemaValue.string))]
        case .stringList: return ["type": "array", "items": scalar, "maxItems": .integer(ConfigReader.maximumListLength)]
        case .email: return patterned(Pattern.email, allowEmpty: false)
        case .url: return patterned(Pattern.url, allowEmpty: false)
        case .duration: return patterned(Pattern.duration, allowEmpty: false)
        case .dnsLabel(let allowEmpty): return patterned(Pattern.dnsLabel, allowEmpty: allowEmpty)
        case .hostPath(let allowEmpty): return patterned(Pattern.hostPath, allowEmpty: allowEmpty)
        case .identifier(let allowEmpty): return patterned(Pattern.identifier, allowEmpty: allowEmpty)
        case .ipAddress(let allowEmpty): return patterned("\(Pattern.ipv4)|\(Pattern.ipv6)", allowEmpty: allowEmpty)
        case .backupRepository(let schemes): return patterned(Pattern.backupRepository(schemes), allowEmpty: false)
        }
    }

    /// A string of `pattern`; where empty is allowed, a blank value (`dashboard:`) too, which the reader reads as empty.
    private static func patterned(_ pattern: String, allowEmpty: Bool) -> [String: SchemaValue] {
        ["type": allowEmpty ? ["string", "null"] : "string", "pattern": .string(anchored(pattern, allowEmpty: allowEmpty))]
    }

    /// A decoded option value as JSON, for `default`.
    static func json(_ value: OptionValue) -> SchemaValue {
        switch value {
        case .string(let text): .string(text)
        case .bool(let flag): .bool(flag)
        case .integer(let number): .integer(number)
        case .list(let items): .array(items.map(SchemaValue.string))
        }
    }
}
