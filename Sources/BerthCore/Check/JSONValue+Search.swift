import Foundation
import ServicePlugin

extension JSONValue {
    /// Every string held under `key` at any depth: the value itself, or the strings of an array.
    func strings(under key: String) -> [String] {
        switch self {
        case .object(let fields):
            var found: [String] = []
            for (name, value) in fields {
                if name == key {
                    if case .string(let text) = value { found.append(text) }
                    if case .array(let items) = value { found += items.compactMap { if case .string(let text) = $0 { text } else { nil } } }
                }
                found += value.strings(under: key)
            }
            return found
        case .array(let items): return items.flatMap { $0.strings(under: key) }
        default: return []
        }
    }

    /// The values of `expectation.includes` that the JSON `text` does not hold under its key (all of them if it is no JSON).
    static func missing(_ expectation: JSONValuesExpectation, in text: String) -> [String] {
        guard let document = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return expectation.includes }
        let present = Set(document.strings(under: expectation.key))
        return expectation.includes.filter { !present.contains($0) }
    }
}
