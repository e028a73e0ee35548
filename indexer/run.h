/* run.h: what one docket-index run counts, and indexing one file into it. */
#ifndef DOCKET_RUN_H
#define DOCKET_RUN_H

#include <stddef.h>

#include "docket/index.h"
#include "shards.h"

#define MAX_KINDS 32

/* Files (or documents) and records counted per format or dialect name. */
typedef struct tally {
    const char *names[MAX_KINDS];
    unsigned counts[MAX_KINDS];
    unsigned records[MAX_KINDS];
    size_t used;
} tally;

typedef struct run {
    shard_set shards;
    unsigned other_shards; /* files left to other shards (--shard K/N) */
    unsigned indexed;
    unsigned unchanged;
    unsigned removed; /* files whose records --prune removed */
    unsigned skipped;
    unsigned failed;
    unsigned records;
    tally formats;  /* files per format */
    tally dialects; /* documents per dialect; an archive member is one document */
    int fatal;      /* exit code that stops the run, or 0 */
} run;

/* Count one file or document of kind `name` with its records. */
void tally_add(tally *t, const char *name, unsigned records);

/* "html 10 (1400 records), text 3 (12 records)" */
void tally_format(const tally *t, char *out, size_t size);

/* Add the counts of `from` to `into`. */
void run_add(run *into, const run *from);

/* The exit code for a failure to open or write the index. */
int run_exit_code(docket_status status);

/* Index the file at `path` into the index of the run it belongs to and
 * count the outcome; non-zero stops the run (r->fatal is set). */
int run_index_file(run *r, const char *path);

/* docket_member_fn of a run: counts each document of an indexed file and
 * reports archive members that could not be read. `data` is the run. */
void run_on_member(const docket_member_report *member, void *data);

#endif
