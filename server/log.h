/* log.h: diagnostics of docket-serve, written from concurrent request threads. */
#ifndef DOCKET_SERVE_LOG_H
#define DOCKET_SERVE_LOG_H

#include <stdio.h>

#include "cli/msg.h"

/* Run one cli/msg.h call while holding the lock of stderr, because
 * msg_error and its kind write a line in several stdio calls that lines
 * of other request threads could otherwise split. */
#define LOG_LOCKED(call)     \
    do {                     \
        flockfile(stderr);   \
        call;                \
        funlockfile(stderr); \
    } while (0)

#endif
