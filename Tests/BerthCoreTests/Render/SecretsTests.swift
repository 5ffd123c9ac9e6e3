import BerthCore
import Foundation
import Testing

@Suite struct SecretsTests {
    @Test func noSecretValueAppearsInTheRenderedTreeAfterEnvInit() throws {
        let stack = try Fixtures.stack()
        let root = Fixtures.temporaryDirectory("secrets")
        try TreeWriter(destination: root).write(TreeRenderer.render(stack))
        _ = try EnvInitializer(stack: stack, root: root).run()
        // Render again over the initialised tree, as a deploy would.
        try TreeWriter(destination: root).write(TreeRenderer.render(stack))
        var secrets: [String] = []
        for module in stack.modules {
            let values = try EnvFile.read("\(root)/\(module.id)/.env")?.values ?? [:]
            secrets += module.envSchema.filter(\.secret).compactMap { values[$0.name] }.filter { !$0.isEmpty }
        }
        #expect(secrets.count >= 9)
        for (path, contents) in TreeWriterTests.files(root) where !path.hasSuffix(".env") || path.hasSuffix("sample.env") {
            for secret in secrets { #expect(!contents.contains(secret), "\(path) holds a secret") }
        }
    }
}
