import ArgumentParser
import BerthCore
import Foundation

/// `berth schema`: the JSON Schema of `berth.yaml`, for an editor to complete and check it.
struct Schema: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema of berth.yaml (every module's options included), for editor completion and checks.",
        discussion: "Save it as \(ConfigSchema.fileName) beside berth.yaml and put this line at the top of berth.yaml for yaml-language-server: \(ConfigSchema.editorLine)"
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the schema to this file (mode 0644) instead of printing it.", valueName: "file")) var output: String?

    func run() async throws {
        let schema = ConfigSchema.json(registry: .standard)
        guard let output else { return FileHandle.standardOutput.write(Data(schema.utf8)) }
        try SecureFile.write(schema, to: output, mode: 0o644)
        Output.line("wrote \(output)")
    }
}
