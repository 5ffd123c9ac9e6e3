import BerthCore
import Foundation
import Testing

/// Tangram's production folder (`../shared/reference/tangram-production`), brought up as it runs today: compose
/// project `production` (the folder's name), its data in a folder that stands for `/opt/docker-volumes`.
///
/// Only what cannot run here changes, each a line of ``rewrites``: images come from the test bed's registry
/// (Traefik's `build: .` becomes its stand-in image; Authentik's `postgres:16-alpine` becomes the test bed's real
/// 17, since no real 16 is here), host folders move into a scratch folder, and 80/443 become free loopback ports.
/// The real Authentik image has a `HEALTHCHECK` (`ak healthcheck`) that Planka's `service_healthy` waits on;
/// `docker import` cannot give the stand-in one, so the seed's compose file adds it.
struct TangramSeed {
    let root: String
    /// The compose folder: its name is the project's.
    let folder: String
    /// Stands for `/opt/docker-volumes`.
    let volumes: String
    let httpPort: Int
    let httpsPort: Int
    let project = "production"

    init() throws {
        root = Scratch.directory("tangram-seed")
        folder = root + "/production"
        volumes = root + "/docker-volumes"
        httpPort = try LoopbackPort.free()
        httpsPort = try LoopbackPort.free()
        let copy = try Run.shell("cp -R \(Run.shared)/reference/tangram-production \(folder) && chmod -R u+w \(folder)")
        guard copy.status == 0 else { throw BerthError.failed("copying the reference folder: \(copy.stderr)") }
        for file in try Run.shell("find \(folder) -name docker-compose.yaml").stdout.split(separator: "\n").map(String.init) {
            var text = try String(contentsOfFile: file, encoding: .utf8)
            for (old, new) in rewrites { text = text.replacingOccurrences(of: old, with: new) }
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        try writeEnvFiles()
        // As an admin once made them: the folders the services write, owned by the user they run as.
        let folders = [
            "planka/db", "planka/user-avatars", "planka/project-background-images", "planka/attachments", "authentik/db", "authentik/redis", "authentik/media",
            "authentik/icons", "authentik/custom-templates", "authentik/certs", "kopia/config",
        ]
        let made = try Run.shell(
            "mkdir -p " + folders.map { "\(volumes)/\($0)" }.joined(separator: " ") + " \(root)/no-backup \(root)/snapshots \(root)/rclone \(root)/services-ro"
                + " && chown -R 1000:1000 \(volumes) && mkdir -p \(volumes)/traefik && install -m 600 /dev/null \(volumes)/traefik/acme.json")
        guard made.status == 0 else { throw BerthError.failed("making the seed's folders: \(made.stderr)") }
    }

    var rewrites: [(String, String)] {
        let registry = Testbed.registry
        return [
            ("/opt/docker-volumes-no-backup", root + "/no-backup"),
            ("/opt/docker-volumes", volumes),
            ("/opt/services", root + "/services-ro"),
            ("/opt/snapshots:/tmp:shared", root + "/snapshots:/tmp"),
            ("/opt/rclone", root + "/rclone"),
            ("build: .", "image: \(registry)/library/traefik:v3.7.13"),
            ("\"80:80\"", "\"127.0.0.1:\(httpPort):80\""),
            ("\"443:443\"", "\"127.0.0.1:\(httpsPort):443\""),
            ("image: postgres:14-alpine", "image: \(registry)/library/postgres:14-alpine"),
            ("docker.io/library/postgres:16-alpine", "\(registry)/library/postgres:17-alpine"),
            ("docker.io/library/redis:", "\(registry)/library/redis:"),
            ("ghcr.io/tangram-orchestre/", "\(registry)/tangram-orchestre/"),
            ("ghcr.io/", "\(registry)/"),
            ("kopia/kopia:0.18.2", "\(registry)/kopia/kopia:0.23.1"),
            ("containrrr/watchtower", "\(registry)/nickfedor/watchtower:1.22.1"),
            ("    command: server\n", "    command: server\n    healthcheck: { test: [CMD, ak, healthcheck], interval: 2s, retries: 30 }\n"),
            ("    command: worker\n", "    command: worker\n    healthcheck: { test: [CMD, ak, healthcheck], interval: 2s, retries: 30 }\n"),
            ("      interval: 10s\n", "      interval: 2s\n"),
            ("      interval: 30s\n", "      interval: 2s\n"),
        ]
    }

    /// The secrets as the admin wrote them by hand, one `.env` beside each `sample.env`.
    func writeEnvFiles() throws {
        let files = [
            "planka": "SECRET_KEY=seed-planka-secret-key\nOIDC_CLIENT_ID=seed-oidc-client-id\nOIDC_CLIENT_SECRET=seed-oidc-client-secret\nSMTP_NAME=planka@example.org\nSMTP_PASSWORD=seed-smtp\n",
            "authentik": "PG_PASS=seed-authentik-db-password\nAUTHENTIK_SECRET_KEY=seed-authentik-secret-key\n",
            "kopia": "KOPIA_WEB_USERNAME=admin\nKOPIA_WEB_PASSWORD=seed-kopia-web\n",
            "watchtower": "WATCHTOWER_NOTIFICATION_URL=smtp://localhost:25/?from=a@example.org&to=b@example.org\n",
        ]
        for (module, text) in files {
            try text.write(toFile: "\(folder)/\(module)/.env", atomically: true, encoding: .utf8)
            chmod("\(folder)/\(module)/.env", 0o600)
        }
    }

    /// `docker compose up -d --wait`, as the admin's `update.sh` would.
    func up() throws {
        let result = try Run.shell("cd \(folder) && docker compose up -d --wait --wait-timeout 120 2>&1")
        guard result.status == 0 else { throw BerthError.failed("bringing the seed up: \(result.stdout)") }
    }

    /// Rows in both databases, through each database's own `psql`: `count` rows each.
    func seedRows(_ count: Int) throws {
        let insert = "CREATE TABLE IF NOT EXISTS cards (id serial PRIMARY KEY, title text NOT NULL); INSERT INTO cards (title) SELECT 'card ' || g FROM generate_series(1, \(count)) g;"
        for (service, login) in [("planka-postgres", "-U postgres -d planka"), ("authentik-postgresql", "-U authentik -d authentik")] {
            let result = try Run.shell("docker exec \(project)-\(service)-1 psql -v ON_ERROR_STOP=1 -q \(login) -c \"\(insert)\" 2>&1")
            guard result.status == 0 else { throw BerthError.failed("seeding \(service): \(result.stdout)") }
        }
        try Run.shell("for i in 1 2 3; do head -c 4096 /dev/urandom > \(volumes)/planka/attachments/file$i; done; chown -R 1000:1000 \(volumes)/planka").requireSuccess()
    }

    /// Each container of the project, as `name state` lines with their ids, sorted.
    func containers() throws -> String {
        try Run.shell("docker ps -a --filter label=com.docker.compose.project=\(project) --format '{{.ID}} {{.Names}} {{.State}}' | sort").stdout
    }

    func tearDown() {
        _ = try? Run.shell("cd \(folder) && docker compose down --remove-orphans --timeout 2")
    }
}

extension Run {
    /// Throws with what it printed unless it exited 0.
    @discardableResult
    func requireSuccess() throws -> Run {
        guard status == 0 else { throw BerthError.failed("exit \(status): \(output)") }
        return self
    }
}
