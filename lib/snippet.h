/* snippet.h: result snippets as plain text plus highlighted ranges. */
#ifndef DOCKET_SNIPPET_H
#define DOCKET_SNIPPET_H

#include <jansson.h>
#include <stdbool.h>

#include "docket/status.h"
#include "xapian-c.h"

/* Maximum snippet length, in bytes of source text. */
#define DOCKET_SNIPPET_BYTES 240

/* Set "snippet" (plain text, whitespace collapsed) and "highlights"
 * ([[start, end], ...] in Unicode code points, end exclusive) on `result`
 * from `text` and the query behind `mset`. With `highlight`, Xapian picks
 * the part of the text with the query's words. Without it, for a query of
 * boolean filters that no word of the text can match, the snippet is the
 * start of the text and has no highlights. */
docket_status docket_snippet_set(xc_mset *mset, const char *text, bool highlight,
                                 json_t *result);

#endif
