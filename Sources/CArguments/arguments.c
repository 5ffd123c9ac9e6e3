// Swift reads CommandLine.arguments from /proc/self/cmdline on Linux, so without /proc (a bare
// chroot, a minimal CI container) berth saw no arguments at all. glibc passes argc and argv to
// every .init_array constructor; keeping them here needs nothing from the file system.
#include "CArguments.h"

static int saved_argc;
static char *const *saved_argv;

__attribute__((constructor)) static void berth_capture_arguments(int argc, char **argv, char **envp) {
    (void)envp;
    saved_argc = argc;
    saved_argv = argv;
}

int berth_argc(void) { return saved_argc; }

char *const *berth_argv(void) { return saved_argv; }
