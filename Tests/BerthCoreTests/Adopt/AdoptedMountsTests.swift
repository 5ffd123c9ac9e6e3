@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// A running Kopia's rclone folder becomes `rclone_config:` on adoption: its repository stays the one connected by
/// hand, where Berth would otherwise connect its default folder and back up somewhere else.
@Suite struct AdoptedMountsTests {
    @Test func kopiasRcloneFolderIsKeptAsItsOption() {
        let mounts =
            #"[{"Type":"bind","Source":"/opt/rclone","Destination":"/app/rclone","RW":false},{"Type":"bind","Source":"/opt/docker-volumes/kopia/config","Destination":"/app/config","RW":true}]"#
        let line = EnvTakeoverTests.line("kopia", image: "kopia/kopia:0.18.2", env: ["KOPIA_PASSWORD"], folder: "/root/production/")
            .replacingOccurrences(of: #""mounts":[]"#, with: #""mounts":\#(mounts)"#)
        let adoption = AdoptionMapper().map(RunningProject(name: "production", output: "container=" + line))
        let kopia = adoption.modules.first { $0.id == "kopia" }
        #expect(kopia?.options.map { "\($0.0)=\($0.1)" } == ["rclone_config=/opt/rclone"])
        #expect(adoption.configLines.contains { $0.contains("kopia: {") && $0.contains("rclone_config: /opt/rclone") }, "\(adoption.configLines)")
    }
}
