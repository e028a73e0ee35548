/* search.h: running queries over a docket index. */
#ifndef DOCKET_SEARCH_H
#define DOCKET_SEARCH_H

#include <jansson.h>
#include <stdbool.h>

#include "docket/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Version of the JSON result format (docs/json.md). */
#define DOCKET_FORMAT_VERSION 1

typedef struct docket_searcher docket_searcher;

typedef enum docket_sort {
    DOCKET_SORT_RELEVANCE,
    DOCKET_SORT_DATE,     /* oldest first */
    DOCKET_SORT_DATE_DESC /* newest first */
} docket_sort;

typedef struct docket_query {
    const char *text;       /* the query string */
    unsigned offset;        /* results to skip */
    unsigned limit;         /* results to return */
    docket_sort sort;
    const char *facets;     /* comma-separated facet names; NULL for the default set */
    unsigned facet_limit;   /* values per facet; 0 for all */
    bool match_any;         /* OR between words instead of AND */
    bool collapse;          /* one result per contribution number */
} docket_query;

/* Facets returned when docket_query.facets is NULL. */
#define DOCKET_DEFAULT_FACETS "type,meeting,wg,status"

/* Open the index at `path` read-only. Fails with DOCKET_ERR_INDEX_NOT_FOUND
 * when there is none, DOCKET_ERR_INDEX_VERSION when it was built with
 * another schema version, DOCKET_ERR_INDEX_CORRUPT when it cannot be read. */
docket_status docket_searcher_open(const char *path, docket_searcher **out,
                                   docket_error *err);

/* Called for each shard left out under allow_partial. */
typedef void (*docket_skip_fn)(const char *path, const char *reason, void *data);

typedef struct docket_open_options {
    unsigned timeout_ms;   /* per operation on a remote shard; 0 for 10000 */
    bool allow_partial;    /* search the shards that open, skipping the others */
    docket_skip_fn on_skip; /* may be NULL */
    void *on_skip_data;
} docket_open_options;

/* Open `count` indexes or shards as one: folders, Xapian stub files, or
 * tcp://HOST:PORT for a database served by xapian-tcpsrv. Scores, totals
 * and facet counts are those of one index holding all their records. A
 * shard that fails to open fails the call, naming it, unless
 * options->allow_partial; at least one shard must open. `options` may be
 * NULL. */
docket_status docket_searcher_open_shards(const char *const *paths, size_t count,
                                          const docket_open_options *options,
                                          docket_searcher **out, docket_error *err);

/* Run `query` and return the result object of JSON format version 1
 * through `out` (the caller owns it): format_version, query, total,
 * offset, limit, results, facets. */
docket_status docket_search(docket_searcher *searcher, const docket_query *query,
                            json_t **out);

/* Return the whole record with id `id`, or else the first record with
 * contribution number `id`; DOCKET_ERR_USAGE when none has it. */
docket_status docket_search_record(docket_searcher *searcher, const char *id, json_t **out);

/* Message of the last failure on `searcher`. */
const char *docket_searcher_error(const docket_searcher *searcher);

void docket_searcher_free(docket_searcher *searcher);

#ifdef __cplusplus
}
#endif

#endif
