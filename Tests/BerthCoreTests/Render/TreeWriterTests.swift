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
}
