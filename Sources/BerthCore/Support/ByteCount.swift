import Foundation

/// Sizes as admins write them: `512M`, `2G`, `1.5T`, or plain bytes.
public enum ByteCount {
    /// The bytes `text` names (binary units: K is 1024), or nil when it names none.
    public static func parse(_ text: String) -> Int64? {
        let units: [Character: Double] = ["K": 1024, "M": 1_048_576, "G": 1_073_741_824, "T": 1_099_511_627_776]
        var number = text.trimmingCharacters(in: .whitespaces).uppercased()
        if number.hasSuffix("IB") { number.removeLast(2) } else if number.hasSuffix("B") { number.removeLast() }
        var scale = 1.0
        if let last = number.last, let unit = units[last] {
            scale = unit
            number.removeLast()
        }
        guard let value = Double(number), value >= 0, value * scale < Double(Int64.max) else { return nil }
        return Int64(value * scale)
    }
}
