/* index_merge.c: taking in an index built beside this one in the same run.
 *
 * docket-index may build a run's files in two databases at once, one per
 * core. The second database gets the files that come after the first's in
 * the run's order. So its records win over the index's records of the same
 * id and over older records of a file it read again, as they would if one
 * writer had read every file in order. Compaction copies
 * both into one database, the index's records first; the copy then loses
 * the records the second replaces and gains the states of its files. The
 * index itself is not changed until the copy is complete and in place. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index_private.h"
#include "schema.h"
#include "xc_status.h"

docket_status docket_index_merge(docket_index *index, const char *other)
{
    char *copy = strdup(other);
    if (!copy)
        return docket_error_set(&index->err, DOCKET_ERR_NO_MEMORY, "out of memory");
    free(index->merge_from);
    index->merge_from = copy;
    return DOCKET_OK;
}

typedef struct settle {
    docket_index *index;
    xc_database *fresh;
    xc_database *other;
    xc_database *failed; /* the database of the call that failed */
    xc_status xs;
} settle;

/* Keep, of the records `term` names in the copy, only the `freq` that the
 * second database added: they have the highest ids. */
static int trim(const char *term, unsigned freq, void *data)
{
    settle *s = data;
    unsigned deleted = 0;
    s->xs = xc_database_trim_term(s->fresh, term, freq, &deleted);
    s->failed = s->fresh;
    return s->xs != XC_OK;
}

/* For a file the second database read ("GENERATION SIZE TIME HASH PATH"),
 * keep in the copy only the records it made of the file, none when it
 * made none, and record the file's state under the index's generation. */
static int settle_file(const char *key, const char *value, void *data)
{
    settle *s = data;
    const char *rest = strchr(value, ' ');
    const char *path = rest;
    for (int field = 0; field < 3 && path; field++)
        path = strchr(path + 1, ' ');
    if (!rest || !path)
        return 0;

    char term[PATH_MAX + 8];
    snprintf(term, sizeof term, "%s%s", DOCKET_PREFIX_PATH, path + 1);
    unsigned added = 0;
    s->failed = s->other;
    s->xs = xc_database_termfreq(s->other, term, &added);
    if (s->xs == XC_OK && trim(term, added, s) != 0)
        return 1;

    char state[256];
    snprintf(state, sizeof state, "%lu%.*s", s->index->generation, (int)(path - rest), rest);
    s->failed = s->fresh;
    if (s->xs == XC_OK)
        s->xs = xc_database_set_metadata(s->fresh, key, state);
    return s->xs != XC_OK;
}

static docket_status fail(docket_index *index, xc_status xs, const char *what, xc_database *db,
                          const char *message)
{
    return docket_error_set(&index->err, docket_status_from_xc(xs), "%s: %s: %s", index->path,
                            what, db ? xc_database_error(db) : message);
}

docket_status docket_index_settle_merge(docket_index *index, const char *fresh)
{
    xc_error xerr;
    settle s = {index, NULL, NULL, NULL, XC_OK};
    xc_status xs = xc_database_open(index->merge_from, &s.other, &xerr);
    if (xs != XC_OK)
        return fail(index, xs, "reading the second database", NULL, xerr.message);
    xs = xc_database_create(fresh, &s.fresh, &xerr);
    if (xs != XC_OK) {
        xc_database_free(s.other);
        return fail(index, xs, "opening the compacted copy", NULL, xerr.message);
    }

    /* Each id of the second database wins over the index's; then each file
     * it read keeps only the records it made. */
    s.failed = s.other;
    xs = xc_database_each_term(s.other, DOCKET_PREFIX_ID, trim, &s);
    if (xs == XC_OK && (xs = s.xs) == XC_OK) {
        s.failed = s.other;
        xs = xc_database_each_metadata(s.other, FILE_KEY_PREFIX, settle_file, &s);
    }
    if (xs == XC_OK)
        xs = s.xs;
    if (xs == XC_OK) {
        s.failed = s.fresh;
        xs = xc_database_doccount(s.fresh, &index->final_count);
    }
    if (xs == XC_OK)
        xs = xc_database_close(s.fresh);
    docket_status status =
        xs == XC_OK ? DOCKET_OK : fail(index, xs, "merging the second database", s.failed, NULL);
    xc_database_free(s.fresh);
    xc_database_free(s.other);
    return status;
}
