#ifndef BERTH_CARGUMENTS_H
#define BERTH_CARGUMENTS_H

/// The process's argument count, as the C runtime handed it to the program.
int berth_argc(void);
/// The process's argument vector, as the C runtime handed it to the program.
char *const *berth_argv(void);

#endif
