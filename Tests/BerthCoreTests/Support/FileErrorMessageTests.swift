import BerthCore
import Foundation
import Testing

@Suite struct FileErrorMessageTests {
    @Test func aRealFoundationErrorBecomesPathAndReason() throws {
        let parent = Fixtures.temporaryDirectory("fileerror")
        Fixtures.write("x\n", to: parent + "/file")
        do {
            try FileManager.default.createDirectory(atPath: parent + "/file/sub", withIntermediateDirectories: true)
            Issue.record("creating a folder under a file succeeded")
        } catch {
            let text = try #require(FileErrorMessage.text(for: error))
            #expect(text.hasPrefix(parent + "/file"))
            #expect(!text.contains("NSCocoaErrorDomain") && !text.contains("Error Domain"))
        }
    }

    @Test func codesWithoutAnUnderlyingErrorAreWords() {
        let error = CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: "/srv/x"])
        #expect(FileErrorMessage.text(for: error) == "/srv/x: no space left on the device")
        #expect(FileErrorMessage.text(for: BerthError.usage("x")) == nil)
    }
}
