/* index.h: building and updating a docket index. */
#ifndef DOCKET_INDEX_H
#define DOCKET_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct docket_index docket_index;

/* What indexing one document did: a file, or one member of an archive. */
typedef struct docket_member_report {
    const char *path;    /* "a.zip!b.docx" for a member, else the file's path */
    const char *format;  /* "docx", "text", ... (static) */
    const char *dialect; /* "onem2m-minutes", "generic", ... (static); NULL on failure */
    unsigned records;    /* records added for it */
    docket_status status;
    const char *error;   /* the reason, naming the member, when status is not DOCKET_OK */
} docket_member_report;

/* Called for each document of a file once the file's records are stored. */
typedef void (*docket_member_fn)(const docket_member_report *member, void *data);

/* Whether an index keeps word positions, which phrase searches need. */
typedef enum docket_positions {
    DOCKET_POSITIONS_KEEP = 0, /* as the index has them; a new index keeps them */
    DOCKET_POSITIONS_ON,       /* keep them; an index without them is rebuilt */
    DOCKET_POSITIONS_OFF       /* drop them: a smaller index, where a phrase matches the
                                  records that hold all its words; an index with them
                                  is rebuilt */
} docket_positions;

typedef struct docket_index_options {
    const char *aliases_path; /* alias file for names and specs, or NULL */
    const char *synonyms_path; /* synonym file stored in the index, or NULL to keep the stored one */
    unsigned lock_timeout;    /* seconds to wait for another writer */
    unsigned commit_files;    /* commit after this many files (0: default 200) */
    unsigned long long commit_bytes; /* ... or this many input bytes (0: default 64 MiB) */
    bool full;                /* re-read every file, even unchanged ones */
    docket_positions positions;
    bool keep_first;          /* never replace a record by one of the same id: for
                                 an index given a run's files last to first */
    docket_member_fn on_member; /* may be NULL */
    void *on_member_data;
} docket_index_options;

/* What indexing one file did. */
typedef struct docket_file_report {
    const char *format;  /* "text", "markdown", ... (static) */
    const char *dialect; /* dialect of the file, or of the archive's first member (static) */
    unsigned records;    /* records added for the file, all members together */
    bool unchanged;      /* skipped: same size and time, or same content */
} docket_file_report;

/* Open the index at `path` for writing, creating it when missing. An index
 * of another schema version is emptied and rebuilt. Fails with
 * DOCKET_ERR_INDEX_BUSY when another writer holds the lock beyond
 * `lock_timeout`. `options` may be NULL for the defaults. */
docket_status docket_index_open(const char *path, const docket_index_options *options,
                                docket_index **out, docket_error *err);

/* Extract, parse and index the file at `path`, replacing the records an
 * earlier run made from it. A file with the size and modification time of
 * the earlier run, or with only its time changed but the same content, is
 * not read again (report.unchanged). DOCKET_ERR_UNSUPPORTED means the
 * format is not one docket reads; other failures leave the index as it was
 * for this file. The error names the file and the reason. */
docket_status docket_index_add_file(docket_index *index, const char *path,
                                    docket_file_report *out);

/* Set `out` to whether the file at `path` is the one an earlier run
 * indexed: same size and modification time, or same content. Such a file
 * docket_index_add_file would skip. */
docket_status docket_index_unchanged(docket_index *index, const char *path, bool *out);

/* Take in, at the next docket_index_compact, the records of the index at
 * `other`: an index built in the same run, at the same time, from files
 * that come after every file given to `index` in the run's order. The
 * records of `other` win over those of `index` with the same id and over
 * older records of a file that `other` read again, and the states of its
 * files are kept, as if one index had read all the files in order.
 * `index` is not changed unless the compaction succeeds; `other` is
 * removed when `index` is freed. */
docket_status docket_index_merge(docket_index *index, const char *other);

/* Remove the records of every indexed file under one of the `count`
 * folders or files in `roots` that no longer exists; `out` receives the
 * number of files removed. A root that does not exist itself is ignored,
 * so that a mistyped or unmounted path never empties the index. */
docket_status docket_index_prune(docket_index *index, const char *const *roots, size_t count,
                                 unsigned *out);

/* Return through `out` the shard, of `count`, that the file at `path`
 * belongs to: a stable hash of its absolute path, so that every run sends
 * a file to the same shard. */
docket_status docket_index_shard(const char *path, unsigned count, unsigned *out);

/* Make the `count` indexes shards of one index: a record added to one
 * replaces the record with the same id in the others. The handles must
 * stay open together until they are freed. */
docket_status docket_index_link_shards(docket_index *const *indexes, unsigned count);

/* Commit what was added so far. */
docket_status docket_index_commit(docket_index *index);

/* Commit, copy the index into a compacted form and put it in place. The
 * index is closed afterwards: only docket_index_free may follow. */
docket_status docket_index_compact(docket_index *index);

/* Number of records in the index; once it is closed or compacted, the
 * number it held then. */
docket_status docket_index_count(docket_index *index, unsigned *out);

/* Whether the index keeps word positions. */
bool docket_index_has_positions(const docket_index *index);

/* Message of the last failure on `index`. */
const char *docket_index_error(const docket_index *index);

/* Commit and close the database; returns the commit's status. */
docket_status docket_index_close(docket_index *index);

/* Free the handle, closing the database without a commit report if it is
 * still open. Accepts NULL. */
void docket_index_free(docket_index *index);

#ifdef __cplusplus
}
#endif

#endif
