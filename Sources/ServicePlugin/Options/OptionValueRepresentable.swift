/// A Swift type an option's value reads as.
public protocol OptionValueRepresentable: Sendable {
    /// The value from its decoded form; nil when the shape does not match.
    init?(optionValue: OptionValue)
    /// The value in its decoded form, as a default is stored.
    var optionValue: OptionValue { get }
}

extension String: OptionValueRepresentable {
    public init?(optionValue: OptionValue) {
        guard case .string(let value) = optionValue else { return nil }
        self = value
    }
    public var optionValue: OptionValue { .string(self) }
}

/// An empty string reads as nil: options such as `smtp_host` use empty for "none".
extension Optional: OptionValueRepresentable where Wrapped == String {
    public init?(optionValue: OptionValue) {
        guard case .string(let value) = optionValue else { return nil }
        self = value.isEmpty ? nil : value
    }
    public var optionValue: OptionValue { .string(self ?? "") }
}

extension Bool: OptionValueRepresentable {
    public init?(optionValue: OptionValue) {
        guard case .bool(let value) = optionValue else { return nil }
        self = value
    }
    public var optionValue: OptionValue { .bool(self) }
}

extension Int: OptionValueRepresentable {
    public init?(optionValue: OptionValue) {
        guard case .integer(let value) = optionValue else { return nil }
        self = value
    }
    public var optionValue: OptionValue { .integer(self) }
}

extension Array: OptionValueRepresentable where Element == String {
    public init?(optionValue: OptionValue) {
        guard case .list(let value) = optionValue else { return nil }
        self = value
    }
    public var optionValue: OptionValue { .list(self) }
}
