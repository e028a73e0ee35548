/* stored.h: reading a stored record with its text apart from the rest. */
#ifndef DOCKET_STORED_H
#define DOCKET_STORED_H

#include <jansson.h>
#include <stddef.h>

#include "docket/status.h"

/* Parse `data`, a record as docket-index stores it, into `*record` without
 * its "text" member and `*text`, that text ("" when there is none). The
 * caller owns both. docket-index stores the record as compact JSON without
 * its text, then a NUL byte and the text as it is (see schema.h). The text
 * is most of a record's bytes, so decoding it as a JSON string would cost
 * more than the rest. Returns DOCKET_ERR_INDEX_CORRUPT with the
 * reason in `jerr` when the JSON is invalid or not an object, the NUL byte
 * is missing, or the text is not UTF-8. */
docket_status docket_stored_parse(const char *data, size_t len, json_t **record, char **text,
                                  json_error_t *jerr);

#endif
