@testable import BerthCore
import ServicePlugin
import Testing

/// `berth schema`'s builder: module options map to their fragments, and nothing drifts from what the readers take.
@Suite struct ConfigSchemaTests {
    static let registry = PluginRegistry.standard
    static let document = ConfigSchema.document(registry: registry)

    static func spec(_ type: OptionType, default value: OptionValue? = nil) -> OptionSpec {
        OptionSpec("x", type, default: value, "What x does.")
    }

    static let kinds: [(OptionSpec, SchemaValue)] = [
        (spec(.string, default: .string("")), ["type": ["string", "number", "boolean", "null"], "default": "", "description": "What x does."]),
        (spec(.bool, default: .bool(true)), ["type": "boolean", "default": true, "description": "What x does."]),
        (spec(.integer(1...65535), default: .integer(443)), ["type": "integer", "minimum": 1, "maximum": 65535, "default": 443, "description": "What x does."]),
        (spec(.oneOf(["DEBUG", "INFO"]), default: .string("INFO")), ["type": "string", "enum": ["DEBUG", "INFO"], "default": "INFO", "description": "What x does."]),
        (spec(.stringList, default: .list(["a"])), ["type": "array", "items": ["type": ["string", "number", "boolean"]], "maxItems": 256, "default": ["a"], "description": "What x does."]),
        (spec(.dnsLabel(allowEmpty: false)), ["type": "string", "pattern": "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)$", "description": "What x does."]),
        (spec(.dnsLabel(allowEmpty: true)), ["type": ["string", "null"], "pattern": "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)?$", "description": "What x does."]),
        (spec(.identifier(allowEmpty: true)), ["type": ["string", "null"], "pattern": "^([A-Za-z0-9_]{1,63})?$", "description": "What x does."]),
        (spec(.duration), ["type": "string", "pattern": "^(([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+)$", "description": "What x does."]),
        (spec(.hostPath(allowEmpty: false)), ["type": "string", "pattern": "^((/(?!\\.\\.?(/|$))[A-Za-z0-9._-]+)+)$", "description": "What x does."]),
        (spec(.email), ["type": "string", "pattern": .string("^(\(ConfigSchema.Pattern.email))$"), "description": "What x does."]),
        (spec(.url), ["type": "string", "pattern": .string("^(\(ConfigSchema.Pattern.url))$"), "description": "What x does."]),
        (
            spec(.ipAddress(allowEmpty: true)),
            ["type": ["string", "null"], "pattern": .string("^(\(ConfigSchema.Pattern.ipv4)|\(ConfigSchema.Pattern.ipv6))?$"), "description": "What x does."]
        ),
        (
            spec(.backupRepository([.folder, .sftp])),
            ["type": "string", "pattern": "^((/(?!\\.\\.?(/|$))[A-Za-z0-9._-]+)+|sftp:[^@:\\s]+@[^@:\\s]+:/\\S*)$", "description": "What x does."]
        ),
    ]

    @Test(arguments: kinds)
    func eachKindOfOptionMapsToItsFragment(_ spec: OptionSpec, _ expected: SchemaValue) {
        #expect(ConfigSchema.option(spec) == expected)
    }

    @Test func aModulesOwnOptionsKeepTheirTypeDefaultAndDescription() throws {
        let traefik = try #require(Self.document["properties"]?["services"]?["properties"]?["traefik"]?["properties"])
        #expect(traefik["https_port"] == ["type": "integer", "minimum": 1, "maximum": 65535, "default": 443, "description": "Host port of the HTTPS listener."])
        #expect(traefik["log_level"]?["enum"] == ["DEBUG", "INFO", "WARN", "ERROR"])
        #expect(traefik["dashboard"]?["default"] == "traefik" && traefik["dashboard_protected"]?["type"] == "boolean")
    }

    @Test func everyRegisteredModulesEveryOptionAppears() throws {
        let services = try #require(Self.document["properties"]?["services"])
        #expect(services["additionalProperties"] == false && services["minProperties"] == 1)
        #expect(services["properties"].map(Self.keys) == Set(Self.registry.ids))
        for plugin in Self.registry.plugins {
            let module = try #require(services["properties"]?[plugin.id])
            #expect(module["description"] == .string(plugin.summary) && module["additionalProperties"] == false)
            #expect(module["properties"].map(Self.keys) == Set(plugin.optionSpecs.map(\.name) + ["version", "images"]), "\(plugin.id)")
            for spec in plugin.optionSpecs {
                #expect(module["properties"]?[spec.name] == ConfigSchema.option(spec), "\(plugin.id).\(spec.name)")
            }
            let required = plugin.optionSpecs.filter { $0.defaultValue == nil }.map(\.name).sorted()
            #expect(module["required"] == (required.isEmpty ? nil : .array(required.map(SchemaValue.string))))
            #expect(module["properties"]?["images"]?["properties"].map(Self.keys) == Set(plugin.images.map(\.name)))
        }
    }

    /// Each mapping the readers check against a key list allows exactly those keys.
    @Test func keysAreTheReadersKeys() throws {
        let root = try #require(Self.document["properties"])
        let environment = try #require(root["environments"]?["additionalProperties"])
        let app = try #require(root["apps"]?["additionalProperties"])
        let pairs: [(SchemaValue?, [String])] = [
            (Self.document, ConfigReader.topLevelKeys), (root["ci"], ConfigReader.ciKeys), (root["ci"]?["properties"]?["berth"], ConfigReader.releaseKeys),
            (environment, ConfigReader.environmentKeys), (environment["properties"]?["ssh"], ConfigReader.sshKeys),
            (environment["properties"]?["swarm"], ConfigReader.swarmKeys), (environment["properties"]?["swarm"]?["properties"]?["nodes"]?["additionalProperties"], ConfigReader.swarmNodeKeys),
            (app, ConfigReader.appKeys), (app["properties"]?["routes"]?["items"], ConfigReader.appRouteKeys),
            (root["notify"]?["items"]?["anyOf"].flatMap { if case .array(let forms) = $0 { forms.last } else { nil } }, ConfigReader.notifyKeys),
            (environment["properties"]?["apps"]?["additionalProperties"], ConfigReader.appKeys),
        ]
        for (schema, keys) in pairs {
            #expect(schema?["properties"].map(Self.keys) == Set(keys), "\(keys)")
            #expect(schema?["additionalProperties"] == false, "\(keys)")
        }
        #expect(root["ci"]?["required"] == ["berth"] && root["ci"]?["properties"]?["berth"]?["required"] == ["sha256", "url"])
    }

    /// The defaults the schema shows are the ones the reader fills in.
    @Test func defaultsAreTheReadersDefaults() throws {
        let text = "name: s\ndomain: example.org\nacme_email: a@example.org\nservices: { kopia: {} }\nenvironments: { p: { target: \"ssh://h.example.org/srv\" } }\n"
        let config = try Fixtures.config(text)
        let root = try #require(Self.document["properties"])
        let environment = try #require(root["environments"]?["additionalProperties"]?["properties"])
        #expect(root["timezone"]?["default"] == .string(config.timezone))
        #expect(root["data_root"]?["default"] == .string(config.dataRoot) && root["scratch_root"]?["default"] == .string(config.scratchRoot))
        #expect(root["dumps_dir"]?["default"] == .string(config.dumpsDir) && root["user"]?["default"] == .string(config.user))
        #expect(root["backup_schedule"]?["default"] == config.backupSchedule.map(SchemaValue.string))
        let keep = root["backup_keep"]?["properties"]
        #expect(keep?["daily"]?["default"] == .integer(config.backupKeep.daily) && keep?["monthly"]?["default"] == .integer(config.backupKeep.monthly))
        #expect(environment["certificates"]?["default"] == .string(config.environments[0].certificates.rawValue))
        #expect(environment["ssh"]?["properties"]?["connect_timeout"]?["default"] == .integer(config.environments[0].ssh.connectTimeout))
        #expect(environment["engine"]?["default"] == "compose" && config.environments[0].swarm == nil)
    }

    @Test func theTextIsStableSortedAndEndsInANewline() {
        let text = ConfigSchema.json(registry: Self.registry)
        #expect(text == ConfigSchema.json(registry: Self.registry) && text.hasSuffix("}\n"))
        #expect(text.hasPrefix("{\n  \"$schema\" : \"https://json-schema.org/draft/2020-12/schema\",\n  \"additionalProperties\" : false,"))
        #expect(!text.contains("$id") && text.contains("\"title\" : \"berth.yaml\""))
    }

    static func keys(_ value: SchemaValue) -> Set<String> {
        if case .object(let members) = value { Set(members.keys) } else { [] }
    }
}
