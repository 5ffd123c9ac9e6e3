import BerthCore
import Foundation
import ServicePlugin
import Testing

/// The two module tables a contributor must extend by hand: the README's and the test bed's, checked against the registry.
@Suite struct ModuleTablesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The table rows (`| … |` lines) of the section that starts with `heading`, up to the next heading.
    static func rows(_ file: String, under heading: String) throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: heading) else { return [] }
        let section = lines[(start + 1)...].prefix { !$0.hasPrefix("#") }
        return section.filter { $0.hasPrefix("| ") }
    }

    @Test func theReadmeHasARowForEveryModule() throws {
        let rows = try Self.rows("README.md", under: "### The modules")
        #expect(!rows.isEmpty, "README.md has no '### The modules' table")
        for module in PluginRegistry.standard.plugins {
            #expect(rows.contains { $0.hasPrefix("| `\(module.id)` |") }, "README.md, ### The modules: no row for \(module.id)")
        }
    }

    @Test func theTestBedTableNamesEveryModuleImage() throws {
        let rows = try Self.rows("scripts/testbed.d/README.md", under: "# Berth testbed image sources")
        #expect(!rows.isEmpty, "scripts/testbed.d/README.md has no table")
        for module in PluginRegistry.standard.plugins {
            for spec in module.images {
                let ref = ImageRef(repository: spec.repository, tag: spec.defaultTag)
                #expect(rows.contains { $0.contains("`\(ref.path):\(ref.tag)`") }, "scripts/testbed.d/README.md: no row pushes \(ref.path):\(ref.tag) (\(module.id))")
            }
        }
    }
}
