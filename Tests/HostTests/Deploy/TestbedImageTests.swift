import BerthCore
import Foundation
import ServicePlugin
import Testing

/// The test bed must offer a stand-in for every image a module runs, under its real repository path and tag.
@Suite struct TestbedImageTests {
    /// What `scripts/testbed` builds: the `image=` lines of every `scripts/testbed.d/*/image.conf`.
    static func testbedImages() throws -> Set<String> {
        let folder = Run.packageRoot + "/scripts/testbed.d"
        var images = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            guard let conf = try? String(contentsOfFile: "\(folder)/\(name)/image.conf", encoding: .utf8) else { continue }
            images.formUnion(conf.split(separator: "\n").filter { $0.hasPrefix("image=") }.map { String($0.dropFirst("image=".count)) })
        }
        return images
    }

    @Test func everyModuleImageHasAStandIn() throws {
        let images = try Self.testbedImages()
        for plugin in PluginRegistry.standard.plugins {
            for spec in plugin.images {
                let ref = ImageRef(repository: spec.repository, tag: spec.defaultTag)
                #expect(images.contains("\(ref.path):\(ref.tag)"), "no stand-in for \(ref) of \(plugin.id)")
            }
        }
        // The reference's pins, which the tests deploy too.
        #expect(images.isSuperset(of: ["goauthentik/server:2024.12.2", "plankanban/planka:1.23.5"]))
    }
}
