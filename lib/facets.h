/* facets.h: exact facet counts over the whole match set. */
#ifndef DOCKET_FACETS_H
#define DOCKET_FACETS_H

#include <jansson.h>
#include <stdbool.h>

#include "docket/status.h"
#include "xapian-c.h"

typedef struct docket_facets docket_facets;

/* Prepare counters for the comma-separated facet `names` of a search of
 * `db`. With `spread`, facets are counted with Xapian's built-in spy only,
 * list facets from their spread slots, as searches over remote shards
 * need. */
docket_status docket_facets_new(xc_database *db, const char *names, bool spread,
                                docket_facets **out, docket_error *err);

/* Number of facets to count; 0 for an empty list of names. */
size_t docket_facets_count(const docket_facets *facets);

/* Add the counters to `enq`; they count during its next match set. */
xc_status docket_facets_attach(docket_facets *facets, xc_enquire *enq);

/* Return {"name": [{"value", "count"}, ...], ...}, most frequent first,
 * ties in byte order of the value, at most `limit` values each (0: all). */
docket_status docket_facets_json(docket_facets *facets, unsigned limit, json_t **out);

void docket_facets_free(docket_facets *facets);

#endif
