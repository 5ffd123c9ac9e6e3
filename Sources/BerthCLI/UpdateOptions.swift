import ArgumentParser
import BerthCore
import ServicePlugin

/// Options shared by `update check` and `update apply`.
struct UpdateOptions: ParsableArguments {
    /// Its registry mirror is queried and its live release's digests compared.
    @OptionGroup var environment: EnvironmentOptions
    @Option(help: "Tags asked for per page; registries may send fewer and link to the rest.") var pageSize = 1000
    @Option(help: "Seconds each registry request may take.") var timeout = 30.0

    func validate() throws {
        try ArgumentRules.count(pageSize, "--page-size", 1...10_000)
        try ArgumentRules.seconds(timeout, "--timeout")
    }

    var registryOptions: RegistryClient.Options { RegistryClient.Options(pageSize: pageSize, timeout: timeout) }
}
