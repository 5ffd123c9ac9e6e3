import Foundation

/// A compose string that may interpolate `.env` variables, e.g. `"Planka" <${SMTP_NAME}>`.
///
/// Text parts are escaped (`$` becomes `$$`) when rendered, so only declared
/// variables are ever interpolated.
public struct Interpolated: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public enum Part: Sendable, Hashable {
        case text(String)
        /// `${NAME}`, or `${NAME:?message}` when the variable must be set.
        case variable(String, required: Bool)
    }

    public var parts: [Part]

    public init(_ parts: [Part]) { self.parts = parts }
    public init(stringLiteral value: String) { self.parts = [.text(value)] }

    /// A single literal string.
    public static func text(_ value: String) -> Interpolated { Interpolated([.text(value)]) }
    /// A single variable, required by default.
    public static func variable(_ name: String, required: Bool = true) -> Interpolated {
        Interpolated([.variable(name, required: required)])
    }

    /// The variables this string reads from `.env`.
    public var variables: [String] {
        parts.compactMap { if case .variable(let name, _) = $0 { name } else { nil } }
    }

    /// The compose-file form.
    public var rendered: String {
        parts.map { part in
            switch part {
            case .text(let text): ComposeText.escaped(text)
            case .variable(let name, true): "${\(name):?set \(name) in .env}"
            case .variable(let name, false): "${\(name)}"
            }
        }.joined()
    }

    public var description: String { rendered }

    public static func + (lhs: Interpolated, rhs: Interpolated) -> Interpolated {
        Interpolated(lhs.parts + rhs.parts)
    }

    public init(stringInterpolation: StringInterpolation) { self.parts = stringInterpolation.parts }

    /// Literal text with `.env` variables spliced in: `"\"\(name)\" <\(env: "SMTP_NAME", required: false)>"`.
    ///
    /// Any other interpolated value is text, escaped like the literal around it.
    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { appendText(literal) }

        /// `${NAME}` (`${NAME:?…}` when required) read from the module's `.env`.
        public mutating func appendInterpolation(env name: String, required: Bool = true) {
            parts.append(.variable(name, required: required))
        }

        /// Another interpolated string, its variables kept.
        public mutating func appendInterpolation(_ value: Interpolated) {
            for part in value.parts {
                if case .text(let text) = part { appendText(text) } else { parts.append(part) }
            }
        }

        public mutating func appendInterpolation<Value>(_ value: Value) {
            appendText(String(describing: value))
        }

        // Adjacent text stays one part: the same value as one built by hand from whole strings.
        private mutating func appendText(_ text: String) {
            guard !text.isEmpty else { return }
            if case .text(let previous) = parts.last {
                parts[parts.count - 1] = .text(previous + text)
            } else {
                parts.append(.text(text))
            }
        }
    }
}
