import BerthCore
import Foundation
import ServicePlugin
import Testing

/// The test bed must offer a stand-in for every image a module runs, under its real repository path and tag.
@Suite struct TestbedImageTests {
    static func testbedImages() throws -> Set<String> {
        let script = try String(contentsOfFile: Run.packageRoot + "/scripts/testbed", encoding: .utf8)
        let block = try #require(script.range(of: "IMAGES=(").map { script[$0.upperBound...] }?.prefix { $0 != ")" })
        return Set(block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }.filter { !$0.isEmpty })
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
