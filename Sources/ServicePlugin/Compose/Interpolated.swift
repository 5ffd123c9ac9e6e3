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
}
