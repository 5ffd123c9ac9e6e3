extension Dictionary where Key == String, Value: Equatable {
    /// Each key, sorted, whose value here is not `other`'s (one side may lack it), as `describe(key, here, there)` says it.
    func differences(from other: [String: Value], _ describe: (String, Value?, Value?) -> String) -> [String] {
        Set(keys).union(other.keys).sorted().compactMap { key in self[key] == other[key] ? nil : describe(key, self[key], other[key]) }
    }
}
