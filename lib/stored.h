/* stored.h: reading a stored record with its text apart from the rest. */
#ifndef DOCKET_STORED_H
#define DOCKET_STORED_H

#include <jansson.h>
#include <stddef.h>

#include "docket/status.h"

/* Parse `data`, a record as docket-index stores it, into `*record` without
 * its "text" member and `*text`, that text ("" when there is none). The
 * caller owns both. The text is most of a record's bytes, and jansson
 * decodes strings a byte at a time, so the text is decoded apart, in runs.
 * Data that does not scan as a JSON object goes to jansson whole. Returns
 * DOCKET_ERR_INDEX_CORRUPT with jansson's reason in `jerr` when `data` is
 * not valid JSON. */
docket_status docket_stored_parse(const char *data, size_t len, json_t **record, char **text,
                                  json_error_t *jerr);

#endif
