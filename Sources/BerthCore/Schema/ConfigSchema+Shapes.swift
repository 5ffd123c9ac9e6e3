import ServicePlugin

extension ConfigSchema {
    /// The shapes the readers check, as regular expressions without anchors (ECMA-262 and Python both read them).
    ///
    /// Each mirrors one check in ``Validators`` or the config readers; `ConfigSchemaTests` holds the two side by side.
    enum Pattern {
        static let dnsLabel = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
        static let hostname = "\(dnsLabel)(\\.\(dnsLabel))+"
        static let identifier = "[A-Za-z0-9_]{1,63}"
        static let duration = "([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+"
        /// ``Validators/hostPath(_:)``: absolute, of safe characters, normalised (no `//`, `.`, `..` or trailing `/`), not `/`.
        static let hostPath = "(/(?!\\.\\.?(/|$))[A-Za-z0-9._-]+)+"
        /// ``ConfigReader/localFile(_:)``: absolute or relative to the config, of safe characters, no `..`.
        static let localFile = "(?!(.*/)?\\.\\.(/|$))[A-Za-z0-9._/-]+"
        static let email = "[^@\\s<>]+@[^@\\s<>]*\\.[^@\\s<>]*"
        static let url = "[A-Za-z][A-Za-z0-9+.-]*://[^/?#\\s]+\\S*|file://\\S*"
        static let userSpec = "[0-9]{1,10}(:[0-9]{1,10})?"
        static let dailyTime = "off|([01][0-9]|2[0-3]):[0-5][0-9]"
        static let projectName = "[a-z0-9][a-z0-9_-]*"
        static let imageTag = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"
        /// ``ConfigReader/repository(_:)``: an image repository without tag or digest.
        static let repository = "([a-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*"
        /// ``BerthRelease/urlProblem(_:)``: https or file:///, of the characters a workflow's shell line takes unquoted.
        static let releaseURL = "(https://|file:///)[A-Za-z0-9._~:/?#\\[\\]@!$&()*+,;=%-]*"
        /// ``EnvFile/isValidKey(_:)``.
        static let envKey = "[A-Za-z_][A-Za-z0-9_]*"
        static let ipv4 = "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
        /// An IPv6 address as `inet_pton` reads it: eight groups, one `::` standing for some, an IPv4 address in the last two.
        static let ipv6: String = {
            let group = "[0-9A-Fa-f]{1,4}"
            var forms = ["(\(group):){7}\(group)", "(\(group):){1,7}:", ":((:\(group)){1,7}|:)", "(\(group):){6}\(ipv4)", "::(ffff(:0{1,4})?:)?\(ipv4)"]
            forms += (1...6).map { "(\(group):){1,\(7 - $0)}(:\(group)){1,\($0)}" }
            forms += ["(\(group):){1,4}:\(ipv4)"]
            return "(" + forms.joined(separator: "|") + ")"
        }()
        static let port = "[0-9]{1,5}"
        /// `http(s)://HOST[:PORT]/…` as a backup repository takes it: no login, none of `' " \ $` or a backquote.
        static let httpOrigin = "https?://[^/@\\s'\"\\\\$`]+"
        static let httpRest = "(/[^\\s'\"\\\\$`]*)?"

        /// A backup repository of one of `schemes`, as ``BackupRepository/parse(_:allowed:)`` reads it.
        static func backupRepository(_ schemes: [BackupRepository.Scheme]) -> String {
            schemes.map { scheme in
                switch scheme {
                case .folder: hostPath
                case .s3: "s3:\(httpOrigin)/+[^/\\s'\"\\\\$`]+\(httpRest)"
                case .rest, .webdav: "\(scheme.rawValue):\(httpOrigin)\(httpRest)"
                case .sftp: "sftp:[^@:\\s]+@[^@:\\s]+:/\\S*"
                }
            }.joined(separator: "|")
        }
    }

    /// `pattern` matching the whole value; with `allowEmpty` the empty string too.
    static func anchored(_ pattern: String, allowEmpty: Bool = false) -> String {
        "^(\(pattern))\(allowEmpty ? "?" : "")$"
    }

    /// A string of `pattern` (any when nil); with `allowEmpty` also the empty string.
    static func text(_ pattern: String?, _ description: String, allowEmpty: Bool = false, default value: String? = nil) -> SchemaValue {
        var schema: [String: SchemaValue] = ["type": "string", "description": .string(description)]
        if let pattern { schema["pattern"] = .string(anchored(pattern, allowEmpty: allowEmpty)) }
        if let value { schema["default"] = .string(value) }
        return .object(schema)
    }

    /// A mapping of exactly these keys, unknown ones refused as the readers do.
    static func object(_ properties: [String: SchemaValue], required: [String] = [], _ description: String) -> SchemaValue {
        var schema: [String: SchemaValue] = [
            "type": "object", "properties": .object(properties), "additionalProperties": false, "description": .string(description),
        ]
        if !required.isEmpty { schema["required"] = .array(required.sorted().map(SchemaValue.string)) }
        return .object(schema)
    }

    /// A mapping whose keys match `keys` (any when nil) and whose values are all `values`.
    static func map(keys: String?, _ values: SchemaValue, _ description: String) -> SchemaValue {
        var schema: [String: SchemaValue] = ["type": "object", "additionalProperties": values, "description": .string(description)]
        if let keys { schema["propertyNames"] = ["pattern": .string(anchored(keys))] }
        return .object(schema)
    }

    /// Any YAML scalar: the readers take its text, so `8080` and `true` are strings to them.
    static let scalar: SchemaValue = ["type": ["string", "number", "boolean"]]

    /// A list as ``ConfigReader/strings(_:)`` reads it: at most ``ConfigReader/maximumListLength`` scalars.
    static func list(of items: SchemaValue = scalar, _ description: String) -> SchemaValue {
        ["type": "array", "items": items, "maxItems": .integer(ConfigReader.maximumListLength), "description": .string(description)]
    }

    /// An integer from `range`.
    static func integer(_ range: ClosedRange<Int>, _ description: String, default value: Int? = nil) -> SchemaValue {
        var schema: [String: SchemaValue] = [
            "type": "integer", "minimum": .integer(range.lowerBound), "maximum": .integer(range.upperBound), "description": .string(description),
        ]
        if let value { schema["default"] = .integer(value) }
        return .object(schema)
    }

    /// One of `values`.
    static func oneOf(_ values: [String], _ description: String, default value: String? = nil) -> SchemaValue {
        var schema: [String: SchemaValue] = ["type": "string", "enum": .array(values.map(SchemaValue.string)), "description": .string(description)]
        if let value { schema["default"] = .string(value) }
        return .object(schema)
    }

    /// An image tag: the readers take a plain `16` or `1.2` as the tag it spells.
    static func imageTag(_ description: String) -> SchemaValue {
        ["anyOf": [["type": "string", "pattern": .string(anchored(Pattern.imageTag))], ["type": "number", "minimum": 0]], "description": .string(description)]
    }
}
