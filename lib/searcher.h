/* searcher.h: the searcher handle, shared by opening and querying. */
#ifndef DOCKET_SEARCHER_H
#define DOCKET_SEARCHER_H

#include <stdbool.h>

#include "docket/search.h"
#include "synonyms.h"
#include "xapian-c.h"
#include "xc_status.h"

/* How often a search runs again when docket-index changes the index under
 * it, and how long it waits in between. */
#define SEARCH_ATTEMPTS 5
#define SEARCH_RETRY_MS 100

struct docket_searcher {
    char **paths;              /* the index, or its shards: folders, stub files, tcp://HOST:PORT */
    size_t count;
    docket_open_options options;
    char *label;               /* the paths joined by ", ", for messages */
    xc_database *db;           /* every shard that opened, searched as one */
    docket_synonyms *synonyms; /* from the index, or NULL */
    bool modified;             /* the last failure may come from a concurrent change */
    bool remote;               /* a shard is served by xapian-tcpsrv */
    docket_error err;
};

/* Whether a failed read may come from docket-index committing or swapping
 * in a compacted copy while the searcher had the index open. */
bool docket_transient(xc_status xs);

/* Record a failure of `what` on the searcher's database and return its status. */
docket_status docket_searcher_fail(docket_searcher *searcher, xc_status xs, const char *what);

/* Open every shard again after a failed read. */
docket_status docket_searcher_reopen(docket_searcher *searcher);

void docket_sleep_ms(unsigned ms);

#endif
