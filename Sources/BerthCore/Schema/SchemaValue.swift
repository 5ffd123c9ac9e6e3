import Foundation

/// A JSON document as a value (encoded only; ``JSONValue`` reads JSON): what ``ConfigSchema`` builds, encoded with sorted keys so the text is stable.
public indirect enum SchemaValue: Sendable, Hashable, Encodable {
    case null
    case bool(Bool)
    case integer(Int)
    case string(String)
    case array([SchemaValue])
    case object([String: SchemaValue])

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }

    /// The member `key` of an object, or nil.
    public subscript(key: String) -> SchemaValue? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    /// This object with `key` set to `value`; anything else as it is.
    public func with(_ key: String, _ value: SchemaValue) -> SchemaValue {
        guard case .object(var members) = self else { return self }
        members[key] = value
        return .object(members)
    }

    /// Pretty JSON with sorted keys and a trailing newline, as a file holds it.
    public var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings, integers and booleans always encode: a SchemaValue holds no number that JSON cannot write.
        let data = (try? encoder.encode(self)) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension SchemaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension SchemaValue: ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(arrayLiteral elements: SchemaValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, SchemaValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
