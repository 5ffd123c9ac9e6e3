import BerthCLI
import CArguments
import Foundation

// Without /proc, libdispatch's thread-pool monitor traps (it reads /proc/<thread>/stat) at a
// random moment, so berth refuses at once instead of half-running.
if access("/proc/self/stat", R_OK) != 0 {
    let message = "berth: /proc is not mounted, and berth's thread pool needs it; mount it first (mount -t proc proc /proc)\n"
    _ = message.withCString { write(2, $0, strlen($0)) }
    exit(1)
}
// The arguments come from the C runtime, not CommandLine.arguments, which reads /proc on Linux.
let arguments = (1..<max(Int(berth_argc()), 1)).compactMap { berth_argv()[$0].map { String(cString: $0) } }
exit(await Berth.run(arguments: arguments))
