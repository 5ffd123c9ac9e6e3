import ServicePlugin

/// `berth update apply`: the lock a check's findings lead to, never above the chosen step.
public struct PinUpdater: Sendable {
    /// One pin that moves.
    public struct Change: Codable, Sendable, Equatable {
        public var module: String
        public var image: String
        public var from: String
        public var to: String
        public var step: TagShape.Step
        /// Migration notes of the boundaries the step crosses (only with `--level major`).
        public var notes: [String]
    }

    /// What `apply` decided: the new lock, what moves, and what newer versions it left and why.
    public struct Outcome: Sendable {
        public var lock: VersionPins
        public var changes: [Change]
        public var held: [String]
    }

    public let stack: Stack
    public let level: TagShape.Step

    public init(stack: Stack, level: TagShape.Step) {
        self.stack = stack
        self.level = level
    }

    /// Pins every rendered image that berth.yaml does not pin, moving the checked ones to their chosen versions.
    public func outcome(_ report: UpdateReport) -> Outcome {
        var lock = stack.config.lock
        var changes: [Change] = []
        var held: [String] = []
        // An app's tag is its own `tag:` in berth.yaml (or --tag), never a berth.lock pin.
        for image in stack.renderedImages(stack.modules.filter { !($0.definition is App) }) {
            let (module, spec, tag) = (image.module, image.spec, image.ref.tag)
            if image.source != .config { lock.pins[module, default: [:]][spec.name] = tag }
            guard let found = report.images.first(where: { $0.module == module && $0.image == spec.name }), found.error == nil else { continue }
            if found.newBuild { held.append("\(module)/\(spec.name): a new build of \(tag) is out; a deploy pulls it") }
            guard image.source != .config else {
                let newer = [found.patch, found.minor, found.major].compactMap { $0?.tag }
                if !newer.isEmpty { held.append("\(module)/\(spec.name): pinned to \(tag) by `version:` in berth.yaml (newer: \(newer.joined(separator: ", ")))") }
                continue
            }
            let (chosen, reasons) = choose(found, spec: spec)
            held += reasons.map { "\(module)/\(spec.name): \($0)" }
            guard let (to, step) = chosen else { continue }
            lock.pins[module]![spec.name] = to
            changes.append(Change(module: module, image: spec.name, from: tag, to: to, step: step, notes: spec.boundaries(from: tag, to: to).map(\.note)))
        }
        return Outcome(lock: lock, changes: changes, held: held)
    }

    /// The newest tag of the same shape within the level and the module's range; a migration boundary needs `--level major`.
    /// Also says why each newer step's newest version was left.
    func choose(_ update: ImageUpdate, spec: ImageSpec) -> ((tag: String, step: TagShape.Step)?, [String]) {
        guard let current = TagShape(update.current) else { return (nil, []) }
        // The newest allowed tag is the newest of the largest step that has one: a larger step is always further ahead.
        let allowed = current.newest(among: update.tags) { tag, step in
            step <= level && spec.supports(tag) && (level == .major || spec.boundaries(from: update.current, to: tag).isEmpty)
        }
        let best = allowed.max { $0.key < $1.key }.map { (tag: $0.value, step: $0.key) }
        var reasons: [String] = []
        for step in [TagShape.Step.patch, .minor, .major] {
            guard let candidate = update.candidate(step), candidate.tag != best?.tag else { continue }
            if let chosen = best.flatMap({ TagShape($0.tag) }), let shape = TagShape(candidate.tag), !chosen.numbers.lexicographicallyPrecedes(shape.numbers) { continue }
            if !candidate.supported {
                reasons.append("\(candidate.tag) is outside the module's supported range; it is never pinned")
            } else if step > level {
                reasons.append("\(candidate.tag) is a \(step) step; use --level \(step) to take it")
            } else if !candidate.migrations.isEmpty {
                reasons.append("\(candidate.tag) crosses a migration boundary; use --level major to take it after reading: " + candidate.migrations.joined(separator: " "))
            }
        }
        return (best, reasons)
    }
}
