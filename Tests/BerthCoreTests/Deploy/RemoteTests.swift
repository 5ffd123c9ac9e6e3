import BerthCore
import ServicePlugin
import Testing

@Suite struct RemoteTests {
    let ssh = Remote(
        target: .ssh(user: "deploy", host: "example.org", port: 2222, path: "/opt/my services"),
        ssh: SSHSettings(knownHosts: "/etc/berth/known_hosts", identityFile: "/etc/berth/id", connectTimeout: 7),
        controlDirectory: nil
    )

    @Test func sharesOneConnectionThroughAPrivateControlDirectory() {
        let shared = Remote(target: .ssh(user: nil, host: "example.org", port: nil, path: "/srv"), ssh: SSHSettings())
        let directory = try! #require(shared.controlDirectory)
        #expect(shared.sshOptions.contains("ControlMaster=auto"))
        let path = try! #require(shared.sshOptions.first { $0.hasPrefix("ControlPath=") })
        #expect(path.hasPrefix("ControlPath=\(directory)/") && path.hasSuffix("-%C"))
        // Another known_hosts file never shares that connection.
        let other = Remote(target: .ssh(user: nil, host: "example.org", port: nil, path: "/srv"), ssh: SSHSettings(knownHosts: "/other"))
        #expect(other.sshOptions.first { $0.hasPrefix("ControlPath=") } != path)
    }

    @Test func aKnownHostsFileThatChangesNeverSharesTheOldConnection() throws {
        let file = Fixtures.temporaryDirectory("knownhosts") + "/known_hosts"
        let target = DeployTarget.ssh(user: nil, host: "example.org", port: nil, path: "/srv")
        let controlPath = { Remote(target: target, ssh: SSHSettings(knownHosts: file)).sshOptions.first { $0.hasPrefix("ControlPath=") } }
        try "example.org ssh-ed25519 AAAAfirst\n".write(toFile: file, atomically: true, encoding: .utf8)
        let first = controlPath()
        #expect(controlPath() == first)
        try "example.org ssh-ed25519 AAAAsecond\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(controlPath() != first)
    }

    @Test func sshCommandsAreQuotedArgvWithStrictHostKeys() {
        let command = ssh.command(["docker", "compose", "up", "-d"], in: ssh.root)
        #expect(
            command.arguments == [
                "ssh", "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=7",
                "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3", "-o", "UserKnownHostsFile=/etc/berth/known_hosts",
                "-i", "/etc/berth/id", "-o", "IdentitiesOnly=yes", "-p", "2222", "deploy@example.org", "--",
                "cd '/opt/my services' && docker compose up -d",
            ])
    }

    @Test func hostileValuesArePositionalNeverScript() {
        let command = ssh.script(#"mkdir -p "$1""#, ["/tmp/x; reboot", "$(id)"])
        #expect(command.arguments.last == #"sh -c 'mkdir -p "$1"' berth '/tmp/x; reboot' '$(id)'"#)
    }

    @Test func localTargetsRunArgvDirectly() {
        let local = Remote(target: .file(path: "/srv/berth"), ssh: SSHSettings())
        let command = local.command(["docker", "compose", "ps"], in: "/srv/berth")
        #expect(command.arguments == ["docker", "compose", "ps"])
        #expect(command.workingDirectory == "/srv/berth")
    }

    @Test func syncProtectsEnvFilesAndReleaseRecords() {
        let command = ssh.sync(from: "/tmp/tree", to: "/opt/services")
        #expect(
            command.arguments == [
                "rsync", "--recursive", "--links", "--perms", "--times", "--checksum", "--delete", "--delete-after", "--delay-updates",
                "--filter", "protect .env", "--exclude", ".env",
                // Berth's own folder: releases, the lock, the busy file a command changing the stack holds (deleting it
                // would let the next one in beside it), a switch's mark.
                "--filter", "protect /.berth/", "--exclude", "/.berth/",
                // A proxy's live file names the containers running now (Traefik's, written by the rollout).
                "--filter", "protect *.live.yaml", "--exclude", "*.live.yaml",
                "-e",
                "ssh -o StrictHostKeyChecking=yes -o BatchMode=yes -o ConnectTimeout=7 -o ServerAliveInterval=5 -o ServerAliveCountMax=3 -o UserKnownHostsFile=/etc/berth/known_hosts -i /etc/berth/id -o IdentitiesOnly=yes -p 2222",
                "/tmp/tree/", "deploy@example.org:/opt/services/",
            ])
    }

    @Test func sensitiveArgumentsStayHiddenOverSSH() {
        let command = ssh.command(["curl", "-u", .sensitive("u:p"), "http://x/"])
        #expect(!command.display.contains("u:p"))
        #expect(command.arguments.last == "curl -u u:p http://x/")
    }
}

@Suite struct ImageMirrorTests {
    @Test(arguments: [
        ("traefik", "127.0.0.1:5000/library/traefik"),
        ("postgres", "127.0.0.1:5000/library/postgres"),
        ("docker.io/library/postgres", "127.0.0.1:5000/library/postgres"),
        ("kopia/kopia", "127.0.0.1:5000/kopia/kopia"),
        ("ghcr.io/goauthentik/server", "127.0.0.1:5000/goauthentik/server"),
        ("localhost:5000/team/app", "127.0.0.1:5000/team/app"),
    ])
    func rewritesToTheRepositoryPath(_ repository: String, _ expected: String) {
        #expect(ImageRef(repository: repository, tag: "1").mirrored(through: "127.0.0.1:5000") == ImageRef(repository: expected, tag: "1"))
    }

    @Test func theMirrorShowsInTheStackAndThePluginList() throws {
        // The example's `local` environment pulls through the test bed's registry.
        let text = Fixtures.exampleText
        let stack = try Fixtures.stack(text, environment: "local")
        #expect(try Fixtures.stack(text, environment: "production").module("planka")?.images["app"]?.repository == "ghcr.io/plankanban/planka")
        let images = stack.modules.flatMap { $0.fragment.services.compactMap { $0.image?.description } }
        #expect(images.allSatisfy { $0.hasPrefix("127.0.0.1:5000/") })
        #expect(images.contains("127.0.0.1:5000/goauthentik/server:2026.8.5"))
        let entries = try ModuleCatalog.entries(config: try Fixtures.config(text), environment: "local")
        #expect(entries.first { $0.id == "planka" }?.images == ["127.0.0.1:5000/plankanban/planka:2.1.0", "127.0.0.1:5000/library/postgres:17-alpine"])
        // Version logic still reads the tag: Authentik 2026.8.5 has no Redis behind the mirror either.
        #expect(stack.module("authentik")?.fragment[service: "authentik-redis"] == nil)
    }
}
