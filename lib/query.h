/* query.h: query string to Xapian query, with docket's fields. */
#ifndef DOCKET_QUERY_H
#define DOCKET_QUERY_H

#include <stdbool.h>

#include "docket/status.h"
#include "synonyms.h"
#include "xapian-c.h"

/* Parse `text` against `db` into `out`. Words are ANDed unless
 * `match_any`; acronyms in `synonyms` (may be NULL) also find their
 * expansions. On failure `err` contains the parser's message. */
docket_status docket_query_parse(xc_database *db, const docket_synonyms *synonyms,
                                 const char *text, bool match_any, xc_query **out,
                                 docket_error *err);

/* Return through `out` (malloc'ed) the query with misspelt words replaced
 * by close words of the index's spelling data, or NULL when there is no
 * such correction. */
docket_status docket_query_suggest(xc_database *db, const char *text, char **out,
                                   docket_error *err);

/* Turn a date value "2014", "2014-02", "2014-01-01..2014-06-30", "..2015"
 * into the closed range [lo, hi] of "YYYY-MM-DD" strings compared as bytes;
 * an open end gives "" or "~". Returns false when the value is not a date
 * or range. */
bool docket_query_date_range(const char *value, char *lo, char *hi, size_t size);

#endif
