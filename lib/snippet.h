/* snippet.h: result snippets as plain text plus highlighted ranges. */
#ifndef DOCKET_SNIPPET_H
#define DOCKET_SNIPPET_H

#include <jansson.h>

#include "docket/status.h"
#include "xapian-c.h"

/* Maximum snippet length, in bytes of source text. */
#define DOCKET_SNIPPET_BYTES 240

/* Set "snippet" (plain text, whitespace collapsed) and "highlights"
 * ([[start, end], ...] in Unicode code points, end exclusive) on `result`
 * from `text` and the query behind `mset`. */
docket_status docket_snippet_set(xc_mset *mset, const char *text, json_t *result);

#endif
