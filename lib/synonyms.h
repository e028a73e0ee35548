/* synonyms.h: acronyms and their expansions, so that either form finds both. */
#ifndef DOCKET_SYNONYMS_H
#define DOCKET_SYNONYMS_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/status.h"
#include "strbuf.h"

/* Index metadata key that stores the synonym file docket-index read. */
#define DOCKET_SYNONYMS_KEY "docket.synonyms"

typedef struct docket_synonyms docket_synonyms;

/* Parse `len` bytes of synonym-file text (lines "ACRONYM = Expansion",
 * '#' comments). `name` is used in error messages, which give the line
 * number of a malformed line. */
docket_status docket_synonyms_parse(const char *name, const char *data, size_t len,
                                    docket_synonyms **out, docket_error *err);

void docket_synonyms_free(docket_synonyms *synonyms);

/* Number of entries. */
size_t docket_synonyms_count(const docket_synonyms *synonyms);

/* Copy the query `text` to `out`, turning each acronym typed as a bare word
 * into `(ACRONYM OR "expansion")` and each quoted expansion into
 * `("expansion" OR ACRONYM)`, ignoring case. Words with a field, a '+' or
 * a '-' are left alone. `synonyms` may be NULL. Returns false when out of
 * memory. */
bool docket_synonyms_expand(const docket_synonyms *synonyms, const char *text, strbuf *out);

#endif
