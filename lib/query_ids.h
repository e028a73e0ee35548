/* query_ids.h: identifiers typed without a field, matched as identifiers. */
#ifndef DOCKET_QUERY_IDS_H
#define DOCKET_QUERY_IDS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "strbuf.h"

/* The hidden query field that marked identifiers are parsed through. */
#define DOCKET_ID_FIELD "docketid"

typedef enum docket_id_kind {
    DOCKET_ID_NONE,
    DOCKET_ID_DOC, /* a contribution number, base or revision */
    DOCKET_ID_SPEC /* a specification, RFC or Internet-Draft */
} docket_id_kind;

/* Classify `token` (case does not matter) and write the index term it
 * stands for into `term` ("XDOCsec-2014-0059", "XSPECts23.501"). */
docket_id_kind docket_query_identifier(const char *token, char *term, size_t size);

/* Copy the query `text` to `out`, turning each identifier outside phrases
 * and fields into `docketid:"IDENTIFIER"`, so that the query parser hands
 * it to the identifier field, and append each identifier to the JSON array
 * `ids`. "TS 23.501" and "RFC 9110" count as one identifier. Returns false
 * when out of memory. */
bool docket_query_mark_identifiers(const char *text, strbuf *out, json_t *ids);

#endif
