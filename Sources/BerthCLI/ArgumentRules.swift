import ArgumentParser

/// Range checks for numeric arguments, run by each command's `validate()` before any work (exit 2).
enum ArgumentRules {
    /// A number of seconds above 0 and at most a day.
    static func seconds(_ value: Double, _ name: String) throws {
        guard value.isFinite, value > 0, value <= 86_400 else {
            throw ValidationError("\(name) must be seconds above 0 and at most 86400, got \(value)")
        }
    }

    /// A wait of 0 seconds (do not wait) up to a day.
    static func wait(_ value: Double, _ name: String) throws {
        guard value.isFinite, value >= 0, value <= 86_400 else {
            throw ValidationError("\(name) must be seconds from 0 to 86400, got \(value)")
        }
    }

    /// A whole number inside `range`.
    static func count(_ value: Int, _ name: String, _ range: ClosedRange<Int>) throws {
        guard range.contains(value) else { throw ValidationError("\(name) must be from \(range.lowerBound) to \(range.upperBound), got \(value)") }
    }
}
