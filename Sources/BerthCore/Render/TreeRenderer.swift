import ServicePlugin

/// Lays a ``Stack`` out as the reference folder: one folder per module, and the files its orchestrator runs it with.
public enum TreeRenderer {
    public static func render(_ stack: Stack) -> RenderedTree {
        StepCounter.current?.add("render")
        let orchestrator = stack.orchestrator
        var files = orchestrator.files(for: stack)
        if let notify = NotifyScript.render(stack) {
            files.append(.init(path: "\(NotifyScript.folder)/notify.sh", contents: notify, executable: true))
        }
        if let sample = NotifyScript.sample(stack) {
            files.append(.init(path: "\(NotifyScript.folder)/sample.env", contents: sample))
        }
        for module in stack.modules {
            if orchestrator.rendersModuleFiles {
                files.append(.init(path: "\(module.id)/docker-compose.yaml", contents: ComposeRenderer.file(module.fragment, module: module.id, features: stack.engine)))
            }
            if !module.envSchema.isEmpty {
                files.append(.init(path: "\(module.id)/sample.env", contents: SampleEnv.render(module.envSchema, module: module.id)))
            }
            for extra in module.fragment.files {
                files.append(.init(path: "\(module.id)/\(extra.path)", contents: extra.contents))
            }
        }
        return RenderedTree(files)
    }

    static func topLevel(_ stack: Stack) -> String {
        "# Rendered by Berth for environment \(stack.environment.name). Do not edit: change berth.yaml and render again.\n"
            + YAMLEmitter.emit(
                .map([
                    ("name", .string(stack.context.name)),
                    ("include", .strings(stack.modules.map { "./\($0.id)/docker-compose.yaml" })),
                ]))
    }
}
