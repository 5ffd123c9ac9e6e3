/// An ordered YAML document tree, so rendered files come out byte-identical every time.
public indirect enum YAMLValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case list([YAMLValue])
    /// Keys keep the order they are given in.
    case map([(String, YAMLValue)])
    /// A value with a local tag, such as Authentik's `!Env` or `!Find`.
    case tagged(String, YAMLValue)

    public static func == (lhs: YAMLValue, rhs: YAMLValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.list(let a), .list(let b)): a == b
        case (.map(let a), .map(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.tagged(let ta, let a), .tagged(let tb, let b)): ta == tb && a == b
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(YAMLEmitter.emit(self))
    }

    /// A map from pairs whose value may be absent; absent values are left out.
    public static func compact(_ pairs: [(String, YAMLValue?)]) -> YAMLValue {
        .map(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    /// A list of strings.
    public static func strings(_ values: [String]) -> YAMLValue {
        .list(values.map(YAMLValue.string))
    }
}

extension YAMLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
