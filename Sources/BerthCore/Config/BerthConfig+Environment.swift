extension BerthConfig {
    /// The environment a command works on: the one asked for, or the first under `environments:`.
    public func environmentName(_ requested: String?) -> String {
        requested ?? environments[0].name
    }
}
