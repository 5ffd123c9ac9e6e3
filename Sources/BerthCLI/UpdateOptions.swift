import ArgumentParser
import BerthCore
import ServicePlugin

/// Options shared by `update check` and `update apply`.
struct UpdateOptions: ParsableArguments {
    @Option(help: "The environment: its registry mirror is queried and its live release's digests compared (default: the first one).")
    var env: String?
    @Option(help: "Tags asked for per page; registries may send fewer and link to the rest.") var pageSize = 1000
    @Option(help: "Seconds each registry request may take.") var timeout = 30.0

    var registryOptions: RegistryClient.Options { RegistryClient.Options(pageSize: pageSize, timeout: timeout) }

    func validate() throws {
        guard pageSize > 0 else { throw ValidationError("--page-size must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }
}
