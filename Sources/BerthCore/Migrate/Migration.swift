import ServicePlugin

/// A module's migration boundary that one deploy crosses: the image, the tags, and the steps the host performs.
public struct Migration: Codable, Sendable, Equatable {
    public var module: String
    public var image: String
    public var from: String
    public var to: String
    public var note: String
    public var steps: [MigrationStep]
    /// The module's data folders are copied first (its databases stopped) and put back on rollback.
    public var checkpoint: Bool

    /// Whether the host performs it (the boundary has steps or a checkpoint).
    public var isPerformed: Bool { !steps.isEmpty || checkpoint }

    /// `planka/app 1.23.5 -> 2.1.0`.
    public var title: String { "\(module)/\(image) \(from) -> \(to)" }

    /// The migration in words: the crossing, each step with how it is undone, and the checkpoint.
    public var lines: [String] {
        var lines = [title + (steps.isEmpty ? ": not performed by Berth: " + note : "")]
        if checkpoint { lines.append("    checkpoint: copy the module's data folders first (undo: the copy is put back)") }
        lines += steps.map { "    \($0.summary) (undo: \($0.undo))" }
        return lines
    }
}

extension Migration {
    /// The boundaries a deploy from the release summarised by `old` to `stack` crosses, per module and image, in
    /// module order; a first deploy crosses none.
    public static func planned(old: StackSummary?, stack: Stack) -> [Migration] {
        guard let old else { return [] }
        var migrations: [Migration] = []
        for image in stack.renderedImages(stack.modules) {
            let previous = image.services.lazy.compactMap { old.services[$0]?.image }.first
            guard let previous, let from = tag(of: previous), from != image.ref.tag else { continue }
            for boundary in image.spec.boundaries(from: from, to: image.ref.tag) {
                migrations.append(
                    Migration(
                        module: image.module, image: image.spec.name, from: from, to: image.ref.tag, note: boundary.note, steps: boundary.steps,
                        checkpoint: boundary.checkpoint))
            }
        }
        return migrations
    }

    /// The tag of a reference as a summary holds it: `host:5000/repo:1.2@sha256:…` → `1.2`.
    static func tag(of reference: String) -> String? {
        let name = reference.split(separator: "@").first.map(String.init) ?? reference
        guard let last = name.split(separator: "/").last, let colon = last.lastIndex(of: ":") else { return nil }
        return String(last[last.index(after: colon)...])
    }
}

extension Plan {
    /// The services the plan's migrations retire once the new release passed its gate.
    public var retired: [String] {
        (migrations ?? []).flatMap(\.steps).compactMap { if case .retire(let service, _) = $0 { service } else { nil } }
    }
}
