/* options.h: option values shared by the docket programs. */
#ifndef DOCKET_CLI_OPTIONS_H
#define DOCKET_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

/* Exit codes (docs/exit-codes.md). */
enum {
    EXIT_NOTHING = 1, /* search found nothing, or indexing had failed files */
    EXIT_USAGE = 2,   /* invalid option or query syntax */
    EXIT_INDEX = 3,   /* index missing, unreadable, corrupt or of another version */
    EXIT_BUSY = 75    /* index locked or changing beyond the retry limit (EX_TEMPFAIL) */
};

/* Write the index path into `out`: `option` when given, else
 * $DOCKET_INDEX, else ${XDG_DATA_HOME:-$HOME/.local/share}/docket/index.
 * Returns false when none can be found or it does not fit. */
bool options_index_path(const char *option, char *out, size_t size);

/* Parse a decimal unsigned number no larger than `max`. */
bool options_parse_unsigned(const char *text, unsigned max, unsigned *out);

#endif
