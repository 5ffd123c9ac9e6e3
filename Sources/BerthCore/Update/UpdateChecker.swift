import Foundation
import ServicePlugin

/// `berth update check`: asks each image's registry for newer tags and for the build its tag names now.
public struct UpdateChecker: Sendable {
    /// One image to look up.
    struct Target: Sendable {
        var module: String
        var spec: ImageSpec?
        var name: String
        var ref: ImageRef
        var services: [String]
        var source: TagSource
    }

    public let stack: Stack
    public let client: RegistryClient
    /// Images looked up at once: enough for a whole stack and then some, few enough not to look like a flood to a registry.
    public var concurrency = 64

    public init(stack: Stack, client: RegistryClient) {
        self.stack = stack
        self.client = client
    }

    /// Checks the named modules' images (all when empty) and any extra references given by hand.
    ///
    /// `deployed` maps each deployed image reference to the digest recorded with the release.
    public func check(_ modules: [String] = [], extra: [ImageRef] = [], deployed: DeployedImages = DeployedImages()) async throws -> UpdateReport {
        let targets = try self.targets(modules, extra: extra)
        let started = Date()
        var images = [ImageUpdate?](repeating: nil, count: targets.count)
        await withTaskGroup(of: (Int, ImageUpdate).self) { group in
            var next = 0
            func add() {
                let index = next, target = targets[index]
                group.addTask { (index, await lookUp(target, deployedDigest: deployed.digests[target.ref.description])) }
                next += 1
            }
            while next < min(concurrency, targets.count) { add() }
            for await (index, image) in group {
                images[index] = image
                if next < targets.count { add() }
            }
        }
        let found = images.compactMap { $0 }
        let queried = zip(targets.map { RegistryRepository($0.ref) }, found)
        var registries: [UpdateReport.Registry] = []
        for host in Set(queried.map(\.0.host)).sorted() {
            let mine = queried.filter { $0.0.host == host }
            registries.append(
                UpdateReport.Registry(
                    host: host, repositories: Set(mine.map(\.0.path)).count,
                    requests: await client.requests(to: host), error: mine.compactMap(\.1.error).first.map { "\(host): \($0)" }
                ))
        }
        return UpdateReport(
            environment: stack.environment.name, release: deployed.release, images: found, registries: registries,
            warnings: deployed.warnings, seconds: Date().timeIntervalSince(started)
        )
    }

    /// Every image a selected module renders, then the extra references.
    func targets(_ modules: [String], extra: [ImageRef]) throws -> [Target] {
        stack.renderedImages(try stack.selectModules(modules)).map {
            Target(module: $0.module, spec: $0.spec, name: $0.spec.name, ref: $0.ref, services: $0.services, source: $0.source)
        } + extra.map { Target(module: "-", spec: nil, name: $0.description, ref: $0, services: [], source: .config) }
    }

    /// The registry's tags and, where a deployed digest is known or the tag floats, its current digest.
    func lookUp(_ target: Target, deployedDigest: String?) async -> ImageUpdate {
        let repository = RegistryRepository(target.ref)
        let shape = TagShape(target.ref.tag)
        let started = Date()
        var update = ImageUpdate(
            module: target.module, image: target.name, services: target.services, repository: target.spec?.repository ?? target.ref.repository,
            queried: repository.description, current: target.ref.tag, source: target.source, newBuild: false,
            deployedDigest: deployedDigest, notes: []
        )
        do {
            if let shape {
                update.tags = try await client.tags(repository)
                Self.classify(&update, shape: shape, spec: target.spec)
                if !update.tags.contains(target.ref.tag) { update.notes.append("the registry has no tag \(target.ref.tag)") }
            }
            // A tag the list lacks has no digest to read; the note above already says so.
            let listed = shape == nil || update.tags.contains(target.ref.tag)
            if listed && (deployedDigest != nil || shape?.isFloating ?? true) {
                update.registryDigest = try await client.digest(repository, tag: target.ref.tag)
                Self.compareDigests(&update, floating: shape?.isFloating ?? true)
            }
        } catch {
            update.error = (error as? RegistryError)?.message ?? String(describing: error)
        }
        update.queryMs = Int(Date().timeIntervalSince(started) * 1000)
        if target.source == .config && target.spec != nil && update.hasUpdate {
            update.notes.append("pinned by `version:` in berth.yaml: `berth update apply` leaves it; edit berth.yaml to move it")
        }
        return update
    }

    /// Fills in the newest patch, minor and major with their range and migration notes.
    static func classify(_ update: inout ImageUpdate, shape: TagShape, spec: ImageSpec?) {
        let newest = shape.newest(among: update.tags)
        for step in [TagShape.Step.patch, .minor, .major] {
            guard let tag = newest[step] else { continue }
            let supported = spec?.supports(tag) ?? true
            let migrations = spec?.boundaries(from: update.current, to: tag).map(\.note) ?? []
            let candidate = ImageUpdate.Candidate(tag: tag, supported: supported, migrations: migrations)
            switch step {
            case .patch: update.patch = candidate
            case .minor: update.minor = candidate
            case .major: update.major = candidate
            }
            if !supported, let spec {
                let range = spec.supportedBelow.map { "below \($0)" } ?? "from \(spec.minimumVersion ?? "?")"
                let notes = migrations.isEmpty ? spec.migrationNotes : migrations
                update.notes.append("\(tag) is outside the module's supported range (\(range))" + (notes.isEmpty ? "" : ": " + notes.joined(separator: " ")))
            } else if !migrations.isEmpty {
                update.notes.append("\(tag) crosses a migration boundary: " + migrations.joined(separator: " "))
            }
        }
    }

    static func compareDigests(_ update: inout ImageUpdate, floating: Bool) {
        guard let current = update.registryDigest else {
            update.notes.append("the registry has no tag \(update.current)")
            return
        }
        guard let deployed = update.deployedDigest else {
            update.notes.append("floating tag: no digest recorded by a deploy to compare with; \(update.current) is \(Self.short(current)) now")
            return
        }
        if deployed != current {
            update.newBuild = true
            update.notes.append("new build: \(update.current) is \(Self.short(current)) now, \(Self.short(deployed)) is deployed; a deploy pulls it")
        }
    }

    static func short(_ digest: String) -> String { String(digest.prefix(19)) }
}

extension UpdateChecker {
    /// One whole check: reads the Docker logins and the live release's digests, queries every registry, and closes the client.
    public static func report(
        _ stack: Stack, modules: [String] = [], extra: [ImageRef] = [], options: RegistryClient.Options = .init(), runner: any CommandRunner,
        progress: any ProgressReporter = SilentProgress()
    ) async throws -> UpdateReport {
        let client = RegistryClient(credentials: try RegistryCredentials.load(), options: options)
        do {
            _ = try stack.selectModules(modules)
            progress.started("release")
            let started = Date()
            let deployed = await DeployedImages.read(stack, runner: runner)
            progress.finished(
                "release", seconds: Date().timeIntervalSince(started), ok: true,
                note: ": " + (deployed.release.map { "\($0) live on \(stack.environment.name)" } ?? "none read from \(stack.environment.name)"))
            progress.started("registries")
            let report = try await UpdateChecker(stack: stack, client: client).check(modules, extra: extra, deployed: deployed)
            progress.finished(
                "registries", seconds: report.seconds, ok: !report.failed,
                note: ": \(report.images.count) images, \(report.registries.count) registries, \(report.registries.map(\.requests).reduce(0, +)) requests")
            try await client.shutdown()
            return report
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
