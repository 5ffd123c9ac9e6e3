import BerthCore
import Foundation
import Testing

@Suite struct TreeWriterTests {
    static func files(_ root: String) -> [String: String] {
        var result: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: root)
        while let path = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(root)/\(path)", isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = Fixtures.read("\(root)/\(path)")
            }
        }
        return result
    }

    @Test func renderIsByteIdenticalForTheSameInput() throws {
        let first = TreeRenderer.render(try Fixtures.stack())
        let second = TreeRenderer.render(try Fixtures.stack())
        #expect(first == second)
        let a = Fixtures.temporaryDirectory("a"), b = Fixtures.temporaryDirectory("b")
        try TreeWriter(destination: a).write(first)
        try TreeWriter(destination: b).write(second)
        #expect(Self.files(a) == Self.files(b))
    }

    @Test func keepsEnvFilesAndForeignFilesAndDropsStaleOnes() throws {
        let root = Fixtures.temporaryDirectory("keep")
        try TreeWriter(destination: root).write(TreeRenderer.render(try Fixtures.stack()))
        Fixtures.write("SECRET_KEY=abc\n", to: "\(root)/planka/.env", mode: 0o600)
        Fixtures.write("notes\n", to: "\(root)/NOTES.txt")
        let envInode = try FileManager.default.attributesOfItem(atPath: "\(root)/planka/.env")[.systemFileNumber] as? Int
        // Render again without Kopia: its folder goes, except what Berth did not write.
        Fixtures.write("KOPIA_PASSWORD=x\n", to: "\(root)/kopia/.env", mode: 0o600)
        let withoutKopia = Fixtures.exampleText.replacingOccurrences(of: "  kopia: { subdomain: kopia }\n", with: "")
        try TreeWriter(destination: root).write(TreeRenderer.render(try Fixtures.stack(withoutKopia)))
        let files = Self.files(root)
        #expect(files["planka/.env"] == "SECRET_KEY=abc\n")
        #expect(try FileManager.default.attributesOfItem(atPath: "\(root)/planka/.env")[.systemFileNumber] as? Int == envInode)
        #expect(try FileManager.default.attributesOfItem(atPath: "\(root)/planka/.env")[.posixPermissions] as? Int == 0o600)
        #expect(files["NOTES.txt"] == "notes\n")
        #expect(files["kopia/.env"] == "KOPIA_PASSWORD=x\n")
        #expect(files["kopia/docker-compose.yaml"] == nil)
        #expect(files.keys.filter { $0.hasPrefix(".") && !$0.hasPrefix(".berth/") }.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: (root as NSString).deletingLastPathComponent).filter { $0.hasPrefix(".\((root as NSString).lastPathComponent).berth-new") }.isEmpty)
    }

    @Test func updateScriptRunsTheReferenceSteps() throws {
        let tree = TreeRenderer.render(try Fixtures.stack())
        let script = try #require(tree["update.sh"])
        #expect(script.contains("docker compose pull\ndocker compose build\ndocker compose up -d --remove-orphans\ndocker image prune -f\n"))
        #expect(tree.files.first { $0.path == "update.sh" }?.executable == true)
    }

    /// Type, mode, owner, inode and link target of one path, read without following links.
    static func facts(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else { return "missing" }
        let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? ""
        return "\(String(info.st_mode, radix: 8)) \(info.st_uid):\(info.st_gid) \(info.st_ino) \(link)"
    }

    @Test func keepsEveryPathItDidNotWriteExactlyAsItWas() throws {
        let root = Fixtures.temporaryDirectory("admin")
        let tree = TreeRenderer.render(try Fixtures.stack())
        try TreeWriter(destination: root).write(tree)
        try FileManager.default.createDirectory(atPath: "\(root)/empty", withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: "\(root)/traefik/certs", withIntermediateDirectories: false)
        Fixtures.write("key\n", to: "\(root)/traefik/certs/site.key", mode: 0o600)
        chmod("\(root)/traefik/certs", 0o700)
        chmod("\(root)/traefik", 0o750)
        chown("\(root)/traefik/certs/site.key", 1000, 1000)
        try FileManager.default.createSymbolicLink(atPath: "\(root)/notes", withDestinationPath: "/etc/hostname")
        let kept = ["empty", "traefik", "traefik/certs", "traefik/certs/site.key", "notes"]
        let before = kept.map { Self.facts("\(root)/\($0)") }
        try TreeWriter(destination: root).write(tree)
        #expect(kept.map { Self.facts("\(root)/\($0)") } == before)
        #expect(Fixtures.read("\(root)/traefik/certs/site.key") == "key\n")
    }

    @Test func removesOnlyTheFoldersItCreatedOnceTheyAreEmpty() throws {
        let root = Fixtures.temporaryDirectory("folders")
        try TreeWriter(destination: root).write(TreeRenderer.render(try Fixtures.stack()))
        Fixtures.write("X=1\n", to: "\(root)/watchtower/.env", mode: 0o600)
        let without = Fixtures.exampleText
            .replacingOccurrences(of: "  kopia: { subdomain: kopia }\n", with: "")
            .replacingOccurrences(of: "  watchtower: { monitor_only: true }\n", with: "")
        try TreeWriter(destination: root).write(TreeRenderer.render(try Fixtures.stack(without)))
        #expect(!FileManager.default.fileExists(atPath: "\(root)/kopia"))
        #expect(Self.files(root)["watchtower/.env"] == "X=1\n")
        #expect(Fixtures.read("\(root)/.berth/manifest").contains("watchtower/"), "the folder Berth made stays Berth's")
    }

    @Test func aTamperedManifestNeverReachesOutsideTheTree() throws {
        let parent = Fixtures.temporaryDirectory("tamper")
        let root = parent + "/tree"
        try TreeWriter(destination: root).write(TreeRenderer.render(try Fixtures.stack()))
        Fixtures.write("mine\n", to: "\(parent)/outside.txt")
        let manifest = Fixtures.read("\(root)/.berth/manifest")
        Fixtures.write(manifest + "../outside.txt\n\(parent)/outside.txt\n./../outside.txt\n", to: "\(root)/.berth/manifest")
        try TreeWriter(destination: root).write(TreeRenderer.render(try Fixtures.stack()))
        #expect(Fixtures.read("\(parent)/outside.txt") == "mine\n")
    }

    @Test func refusesBeforeWritingAnything() throws {
        let parent = Fixtures.temporaryDirectory("refuse")
        Fixtures.write("name: x\n", to: "\(parent)/berth.yaml")
        let tree = TreeRenderer.render(try Fixtures.stack())
        for out in ["\(parent)/berth.yaml", "/", parent, (parent as NSString).deletingLastPathComponent] {
            #expect(throws: BerthError.self) { try TreeWriter(destination: out, protecting: [parent]).write(tree) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["berth.yaml"])
        #expect(Fixtures.read("\(parent)/berth.yaml") == "name: x\n")
    }
}
