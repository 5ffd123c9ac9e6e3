import Foundation
import ServicePlugin

/// Walks the YAML tree of `berth.yaml`, collecting every problem instead of stopping at the first.
struct ConfigReader {
    let file: String
    let registry: PluginRegistry
    var diagnostics: [Diagnostic] = []

    init(file: String, registry: PluginRegistry) {
        self.file = file
        self.registry = registry
    }

    /// The longest list an option takes.
    static let maximumListLength = 256

    static let topLevelKeys = [
        "name", "domain", "timezone", "acme_email", "data_root", "scratch_root", "dumps_dir", "user", "backup_schedule", "backup_copy_to", "backup_keep", "services", "apps", "environments", "secrets",
        "notify", "ci",
    ]

    mutating func read(_ root: ConfigNode) -> BerthConfig? {
        guard let fields = mapping(root, allowed: Self.topLevelKeys) else { return nil }
        let name = string(fields, "name", root, check: Validators.projectName)
        let domain = string(fields, "domain", root, check: Validators.hostname)
        let timezone = string(fields, "timezone", root, default: "UTC", check: Validators.timezone)
        let acmeEmail = string(fields, "acme_email", root, check: Validators.email)
        let dataRoot = string(fields, "data_root", root, default: "/opt/docker-volumes", check: Validators.hostPath)
        let scratchRoot = string(fields, "scratch_root", root, default: "/opt/docker-volumes-no-backup", check: Validators.hostPath)
        let dumpsDir = string(fields, "dumps_dir", root, default: "/opt/db-backups", check: Validators.hostPath)
        let user = string(fields, "user", root, default: "1000:1000", check: Validators.userSpec)
        let schedule = string(fields, "backup_schedule", root, default: "05:00", check: Validators.dailyTime)
        // Any kind here: the engine's module refuses the ones it cannot reach, at the same path.
        let copyTo = string(fields, "backup_copy_to", root, default: "") { Self.check($0, .backupRepository(BackupRepository.Scheme.allCases)) }?
            .nonEmpty.flatMap { try? BackupRepository.parse($0, allowed: BackupRepository.Scheme.allCases).get() }
        let keep = fields["backup_keep"].map { readKeep($0) } ?? BackupKeep()
        let services = readServices(fields["services"], parent: root)
        let apps = readApps(fields["apps"])
        let environments = readEnvironments(fields["environments"], parent: root, services: services.map(\.id), apps: fields["apps"])
        let secrets = readSecrets(fields["secrets"])
        let notify = fields["notify"].map { readNotify($0) } ?? []
        let release = fields["ci"].flatMap { readCI($0) }
        guard let name, let domain, let timezone, let acmeEmail, let dataRoot, let scratchRoot, let dumpsDir, let user, let schedule else { return nil }
        diagnostics += RootRules.overlaps(dataRoot: dataRoot, scratchRoot: scratchRoot, dumpsDir: dumpsDir, fields: fields, environments: environments, root: root)
        return BerthConfig(
            file: file, name: name, domain: domain, timezone: timezone, acmeEmail: acmeEmail, dataRoot: dataRoot,
            scratchRoot: scratchRoot, dumpsDir: dumpsDir, user: user, services: services, environments: environments, apps: apps,
            backupSchedule: schedule == "off" ? nil : schedule, backupCopyTo: copyTo, backupKeep: keep, secrets: secrets, notify: notify,
            release: release
        )
    }

    /// `backup_keep: { daily: 7, weekly: 4, monthly: 6 }`: each count 0 to 1000, the ones left out at their default.
    mutating func readKeep(_ node: ConfigNode) -> BackupKeep {
        var keep = BackupKeep()
        guard let fields = mapping(node, allowed: ["daily", "weekly", "monthly"]) else { return keep }
        if let value = fields["daily"].flatMap({ integer($0, in: 0...1000) }) { keep.daily = value }
        if let value = fields["weekly"].flatMap({ integer($0, in: 0...1000) }) { keep.weekly = value }
        if let value = fields["monthly"].flatMap({ integer($0, in: 0...1000) }) { keep.monthly = value }
        if keep.daily + keep.weekly + keep.monthly == 0 { diagnostics.append(node.error("keeps nothing: set at least one of daily, weekly, monthly above 0")) }
        return keep
    }

    // MARK: services

    private mutating func readServices(_ node: ConfigNode?, parent: ConfigNode) -> [ServiceConfig] {
        guard let node else {
            diagnostics.append(Diagnostic(path: "services", "is required: enable at least one module (known: \(registry.ids.joined(separator: ", ")))", location: parent.location))
            return []
        }
        guard let pairs = node.pairs else {
            diagnostics.append(node.error("must be a mapping of module names to their options"))
            return []
        }
        if pairs.isEmpty { diagnostics.append(node.error("enable at least one module (known: \(registry.ids.joined(separator: ", ")))")) }
        return pairs.compactMap { id, options in readService(id, options) }
    }

    private mutating func readService(_ id: String, _ node: ConfigNode) -> ServiceConfig? {
        guard let plugin = registry.plugin(id) else {
            diagnostics.append(node.error("unknown module (known: \(registry.ids.joined(separator: ", ")))"))
            return nil
        }
        if node.isNull { return ServiceConfig(id: id, options: [:], version: nil) }
        let specs = plugin.optionSpecs
        guard let fields = mapping(node, allowed: ["version", "images"] + specs.map(\.name)) else { return nil }
        var options: [String: OptionValue] = [:]
        for spec in specs {
            guard let value = fields[spec.name] else {
                if spec.defaultValue == nil { diagnostics.append(Diagnostic(path: "\(node.path).\(spec.name)", "is required: \(spec.description)", location: node.location)) }
                continue
            }
            if let decoded = option(value, spec) { options[spec.name] = decoded }
        }
        let version = fields["version"].flatMap { imageTag($0) }
        var images: [String: String] = [:]
        if let node = fields["images"], let pins = mapping(node, allowed: plugin.images.map(\.name)) {
            for (name, tag) in pins { images[name] = imageTag(tag) }
        }
        return ServiceConfig(id: id, options: options, version: version, images: images.compactMapValues { $0 })
    }

    private mutating func imageTag(_ node: ConfigNode) -> String? {
        guard let text = node.scalar, Validators.isImageTag(text) else {
            diagnostics.append(node.error("must be an image tag such as \"1.23.5\" (letters, digits, '.', '_', '-')"))
            return nil
        }
        return text
    }

    private mutating func option(_ node: ConfigNode, _ spec: OptionSpec) -> OptionValue? {
        func fail(_ message: String) -> OptionValue? {
            diagnostics.append(node.error(message))
            return nil
        }
        switch spec.type {
        case .bool:
            guard let value = node.bool else { return fail("must be true or false") }
            return .bool(value)
        case .integer(let range):
            return integer(node, in: range).map(OptionValue.integer)
        case .stringList:
            return strings(node).map(OptionValue.list)
        default:
            guard let text = node.scalar else { return fail("must be a \(spec.type)") }
            if let problem = Self.check(text, spec.type) { return fail(problem) }
            return .string(text)
        }
    }

    static func check(_ text: String, _ type: OptionType) -> String? {
        switch type {
        case .dnsLabel(let allowEmpty): allowEmpty && text.isEmpty ? nil : Validators.dnsLabel(text)
        case .email: Validators.email(text)
        case .url: Validators.url(text)
        case .duration: Validators.duration(text)
        case .hostPath(let allowEmpty): allowEmpty && text.isEmpty ? nil : Validators.hostPath(text)
        case .ipAddress(let allowEmpty): !allowEmpty && text.isEmpty ? "must be an IP address" : Validators.bindAddress(text)
        case .identifier(let allowEmpty): allowEmpty && text.isEmpty ? nil : Validators.identifier(text)
        case .backupRepository(let schemes):
            text.hasPrefix("/") ? Validators.hostPath(text) : BackupRepository.parse(text, allowed: schemes).problem
        case .oneOf(let values): values.contains(text) ? nil : "must be one of \(values.joined(separator: ", ")), got '\(Validators.quoted(text))'"
        case .string, .bool, .integer, .stringList: nil
        }
    }
}
