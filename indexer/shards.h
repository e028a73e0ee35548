/* shards.h: the index, or the shards of a sharded index, that docket-index writes. */
#ifndef DOCKET_SHARDS_H
#define DOCKET_SHARDS_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/index.h"

#define MAX_SHARDS 64

/* How the index at one -d path is laid out. */
typedef struct shard_plan {
    unsigned count; /* shards in the index at the path; 1 for a plain index */
    int only;       /* with --shard K/N: K, the one shard this run builds; else -1 */
} shard_plan;

typedef struct shard_set {
    docket_index *indexes[MAX_SHARDS]; /* the open shards; one for a plain index */
    unsigned open;
    shard_plan plan;
    char path[4096];
} shard_set;

/* Parse "K/N" of --shard; false when it is not 0 <= K < N <= MAX_SHARDS. */
bool shards_parse_one(const char *text, shard_plan *out);

/* Open the index at `path` with the layout of `plan`: a plain index, or
 * with plan->count > 1 a folder that contains shard-0 .. shard-N-1 and a
 * Xapian stub file XAPIANDB, which lets docket-search open them as one.
 * Returns 0, or an exit code after printing the error. */
int shards_open(shard_set *set, const char *path, const shard_plan *plan,
                const docket_index_options *options);

/* Return the index that `path` belongs to, or NULL when this run builds
 * another shard (--shard K/N) or the path cannot be resolved. */
docket_index *shards_route(shard_set *set, const char *path);

/* Commit (and compact) every shard, then close them; 0 or an exit code. */
int shards_finish(shard_set *set, bool compact);

/* Records in all open shards. */
unsigned shards_record_count(shard_set *set);

void shards_free(shard_set *set);

#endif
