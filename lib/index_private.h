/* index_private.h: the index handle, shared by the files that build an index. */
#ifndef DOCKET_INDEX_PRIVATE_H
#define DOCKET_INDEX_PRIVATE_H

#include <stdbool.h>

#include "docket/index.h"
#include "docket/normalise.h"
#include "docket/extract.h"
#include "xapian-c.h"

/* Metadata key prefix of a file's state; the absolute path follows. */
#define FILE_KEY_PREFIX "docket.file:"

struct docket_index {
    char *path;
    xc_database *db;
    xc_termgen *tg;
    docket_aliases *aliases;
    docket_extract_limits limits;
    unsigned commit_files;
    unsigned long long commit_bytes;
    unsigned pending_files;
    unsigned long long pending_bytes;
    bool full;
    bool keep_first;
    docket_positions positions_option;
    bool positions;           /* index word positions */
    docket_index **siblings;  /* the other shards of a sharded index */
    unsigned sibling_count;
    docket_member_fn on_member;
    void *on_member_data;
    unsigned long generation; /* bumped at each rebuild; file states of older ones are void */
    char *merge_from;         /* index to take in at compaction (docket_index_merge), or NULL */
    unsigned final_count;     /* records once compacted and closed */
    docket_error err;
};

/* What the index remembers of a file between runs, in the metadata entry
 * FILE_KEY_PREFIX + its absolute path, as "GENERATION SIZE SEC.NSEC HASH". */
typedef struct file_state {
    unsigned long long size;
    long long mtime_sec;
    long mtime_nsec;
    unsigned long long hash; /* FNV-1a 64 of the content */
} file_state;

/* Finish taking in index->merge_from: in `fresh`, the compacted copy of
 * the index followed by the records of merge_from, remove the records that
 * merge_from replaces and record the states of its files. Sets
 * index->final_count. */
docket_status docket_index_settle_merge(docket_index *index, const char *fresh);

#endif
