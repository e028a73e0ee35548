/* api.h: the JSON endpoints of docket-serve. */
#ifndef DOCKET_SERVE_API_H
#define DOCKET_SERVE_API_H

#include <stddef.h>

#include "docket/search.h"
#include "reply.h"
#include "url.h"

/* Limits shared with docket-search, which applies the same ones to its
 * options. */
#define API_DEFAULT_LIMIT 20
#define API_MAX_LIMIT 10000
#define API_MAX_OFFSET 1000000000
#define API_MAX_QUERY_BYTES 8192
/* docket_search copies the facet list into a buffer of this size. */
#define API_MAX_FACETS_BYTES 512
/* docket_search_record looks ids up in a buffer of 1100 bytes. */
#define API_MAX_ID_BYTES 1000

/* The index, or the shards searched as one, that every request reads. */
typedef struct api_index {
    const char *const *paths; /* folders, stub files or tcp://HOST:PORT */
    size_t count;
    docket_open_options options; /* on_skip is set by api.c */
} api_index;

/* Handle GET /api/search: run the query of `params` (q, facets, limit,
 * offset, sort, facet_limit, collapse, or) on `index` and reply with the
 * JSON docket-search --format=json prints for the same options, byte for
 * byte. */
void api_search(const api_index *index, const url_params *params, reply *out);

/* Handle GET /api/record/ID: reply with the record whose id, or else
 * whose contribution number, is `id`, as docket-search --show ID
 * --format=json prints it; 404 when there is none. */
void api_record(const api_index *index, const char *id, reply *out);

#endif
