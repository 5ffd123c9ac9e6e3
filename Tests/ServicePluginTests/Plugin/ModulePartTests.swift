import ServicePlugin
import Testing

/// A module with a web service and its own PostgreSQL, written as a module author would.
struct Board: ServicePlugin {
    static let id = "board"
    static let summary = "A board and its database"
    static let postgres = PostgresSidecar.image(repository: "postgres", defaultTag: "17-alpine")
    static let images = [ImageSpec(name: "app", repository: "example/board", defaultTag: "1.0.0"), postgres]
    static let web = ServiceKey("board", port: 3000)

    let options: OptionValues
    /// Lists the sidecar's checks itself, in an order of its own.
    var placesChecks = false

    init(options: OptionValues) { self.options = options }

    var db: PostgresSidecar { PostgresSidecar(module: Self.id, service: "board-postgres", name: "board", passwordKey: "DB_PASSWORD", image: Self.postgres) }
    var parts: [any ModulePart] { [db] }

    func compose(in context: RenderContext) -> ComposeFragment {
        let app = ComposeService(name: Self.web.name, image: context.image(Self.images[0]), environment: [EnvironmentEntry("DATABASE_URL", db.url)], dependsOn: [db.dependency])
        return ComposeFragment(services: [app, ComposeService(name: "worker", image: context.image(Self.images[0]))])
    }

    func envSchema(in context: RenderContext) -> [EnvKey] { [.optional("SMTP_HOST", "SMTP relay.")] }
    func healthChecks(in context: RenderContext) -> [HealthCheck] {
        placesChecks ? [db.readyCheck, Self.web.containerCheck(), db.containerCheck] : [Self.web.containerCheck()]
    }
    func backup(in context: RenderContext) -> BackupSpec { BackupSpec(include: [context.dataPath(Self.id, "uploads")]) }
}

@Suite struct ModulePartTests {
    let context = RenderContext(
        stack: StackContext(
            name: "demo", environment: "production", domain: "example.org", timezone: "UTC", acmeEmail: "admin@example.org", dataRoot: "/srv/data",
            scratchRoot: "/srv/scratch", servicesDir: "/srv/services", dumpsDir: "/srv/dumps"))
    let board = Board(options: OptionValues(specs: [], given: [:]))

    @Test func theSidecarBringsItsServiceKeyDumpExclusionAndChecks() {
        let assembled = board.assembled(in: context)
        #expect(assembled.fragment.services.map(\.name) == ["board", "board-postgres", "worker"])
        #expect(assembled.fragment[service: "board-postgres"] == board.db.service(in: context))
        #expect(assembled.envSchema.map(\.name) == ["SMTP_HOST", "DB_PASSWORD"])
        #expect(assembled.healthChecks.map(\.name) == ["container", "db-container", "db-ready"])
        #expect(assembled.backup.dumps == [PostgresDump(service: "board-postgres", database: "board", user: "board")])
        #expect(assembled.backup.include == ["/srv/data/board/uploads"])
        #expect(assembled.backup.exclude == [Exclusion("/srv/data/board/db", reason: "live PostgreSQL files; the pg_dump covers them")])
    }

    @Test func whatTheModuleListsItselfStaysWhereItPutIt() {
        var placed = board
        placed.placesChecks = true
        #expect(placed.assembled(in: context).healthChecks.map(\.name) == ["db-ready", "container", "db-container"])
    }

    @Test func aModuleWithoutPartsIsItsOwnDeclarations() {
        let member = AloneModule().assembled(in: context)
        #expect(member.fragment == AloneModule().compose(in: context) && member.envSchema.isEmpty && member.healthChecks.isEmpty && member.backup.isEmpty)
    }

    @Test func underTrustTheSidecarAddsNoKey() {
        var db = board.db
        db.auth = .trust
        #expect(db.envKeys(in: context).isEmpty)
        #expect(db.services(in: context).map(\.name) == ["board-postgres"])
    }
}

struct AloneModule: StackMember {
    static let id = "alone"
    static let summary = "Nothing but a service"
    static let images: [ImageSpec] = []
    func compose(in context: RenderContext) -> ComposeFragment { ComposeFragment(services: [ComposeService(name: "alone")]) }
}
