import Foundation
import Testing

/// `scripts/release`'s tarball runs where no Swift is: in a bare container of busybox and glibc only, it prints its
/// version and validates the repository's examples.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct ReleaseTarballTests {
    static let image = "berth-testbed/bare-glibc:latest"

    /// An image of busybox (Debian's static build, the test bed's) and glibc's own libraries, nothing else:
    /// no Swift runtime, no libstdc++, no zlib. libgcc_s comes with them, as every glibc system has it (Debian's libc6
    /// depends on libgcc-s1): glibc loads it itself when a thread exits, whatever the program links.
    static func bareImage() throws {
        let root = Scratch.directory("bareroot")
        let libraries = ["libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libresolv.so.2", "libnss_files.so.2", "libnss_dns.so.2", "libgcc_s.so.1"]
        let made = try Run.shell(
            """
            set -e
            mkdir -p bin lib/x86_64-linux-gnu lib64 etc tmp
            cp /bin/busybox bin/busybox
            for tool in sh tar gzip ls cat mkdir sha256sum; do ln -s busybox "bin/$tool"; done
            for library in \(libraries.joined(separator: " ")); do cp -L "/lib/x86_64-linux-gnu/$library" lib/x86_64-linux-gnu/; done
            cp -L /lib64/ld-linux-x86-64.so.2 lib64/
            echo 'root:x:0:0:root:/:/bin/sh' > etc/passwd
            tar -cf - . | docker import - \(image) >/dev/null
            """, in: root)
        #expect(made.status == 0, "\(made.output)")
    }

    @Test func theTarballRunsInABareContainerAndValidatesTheExamples() throws {
        guard ReleaseTarball.required() else { return }
        let sum = try Run.shell("cd \(Run.packageRoot)/dist && sha256sum --check --strict \(ReleaseTarball.name).tar.gz.sha256")
        #expect(sum.status == 0, "\(sum.output)")
        let listed = try Run.shell("tar -tzf \(ReleaseTarball.path)")
        #expect(listed.stdout == "berth\n", "the tarball holds the binary alone: \(listed.output)")
        try Self.bareImage()
        defer { _ = try? Run.shell("docker image rm -f \(Self.image) >/dev/null") }

        let inside = try Run.shell(
            """
            docker run --rm --network none -v \(Run.packageRoot)/dist:/dist:ro -v \(Run.packageRoot):/repo:ro \(Self.image) sh -c '
              set -e
              ls /usr/lib /opt 2>/dev/null && echo "not bare" && exit 9
              mkdir -p /tmp/bin && tar -xzf /dist/\(ReleaseTarball.name).tar.gz -C /tmp/bin
              /tmp/bin/berth --version
              cd /repo && /tmp/bin/berth validate local
              for example in examples/*.yaml; do /tmp/bin/berth -c "$example" validate production >/dev/null && echo "valid: $example"; done'
            """)
        #expect(inside.status == 0, "\(inside.output)")
        let lines = inside.stdout.split(separator: "\n").map(String.init)
        let commit = try Run.shell("git -C \(Run.packageRoot) rev-parse --short=12 HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(lines.first?.hasPrefix("\(ReleaseTarball.version) (commit \(commit)") == true, "\(inside.output)")
        let examples = try FileManager.default.contentsOfDirectory(atPath: Run.packageRoot + "/examples").filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(lines.filter { $0.hasPrefix("valid: ") } == examples.map { "valid: examples/\($0)" }, "\(inside.output)")
    }
}
