/* run.c: what one docket-index run counts, and indexing one file into it. */
#include "run.h"

#include <stdio.h>
#include <string.h>

#include "cli/msg.h"
#include "cli/options.h"

void tally_add(tally *t, const char *name, unsigned records)
{
    size_t i = 0;
    while (i < t->used && strcmp(t->names[i], name) != 0)
        i++;
    if (i == MAX_KINDS)
        return;
    if (i == t->used) {
        t->names[i] = name;
        t->counts[i] = 0;
        t->records[i] = 0;
        t->used++;
    }
    t->counts[i]++;
    t->records[i] += records;
}

void tally_format(const tally *t, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < t->used && n < size; i++)
        n += (size_t)snprintf(out + n, size - n, "%s%s %u (%u records)", i ? ", " : "",
                              t->names[i], t->counts[i], t->records[i]);
}

static void tally_add_all(tally *into, const tally *from)
{
    for (size_t i = 0; i < from->used; i++) {
        size_t j = 0;
        while (j < into->used && strcmp(into->names[j], from->names[i]) != 0)
            j++;
        if (j == MAX_KINDS)
            continue;
        if (j == into->used) {
            into->names[j] = from->names[i];
            into->counts[j] = 0;
            into->records[j] = 0;
            into->used++;
        }
        into->counts[j] += from->counts[i];
        into->records[j] += from->records[i];
    }
}

void run_add(run *into, const run *from)
{
    into->indexed += from->indexed;
    into->unchanged += from->unchanged;
    into->skipped += from->skipped;
    into->failed += from->failed;
    into->records += from->records;
    tally_add_all(&into->formats, &from->formats);
    tally_add_all(&into->dialects, &from->dialects);
}

int run_exit_code(docket_status status)
{
    return status == DOCKET_ERR_INDEX_BUSY ? EXIT_BUSY : EXIT_INDEX;
}

int run_index_file(run *r, const char *path)
{
    docket_index *index = shards_route(&r->shards, path);
    if (!index) {
        r->other_shards++;
        return 0;
    }
    docket_file_report report;
    docket_status status = docket_index_add_file(index, path, &report);

    if (status == DOCKET_OK && report.unchanged) {
        r->unchanged++;
        msg_note("%s: unchanged", path);
    } else if (status == DOCKET_OK) {
        r->indexed++;
        r->records += report.records;
        tally_add(&r->formats, report.format, report.records);
        msg_note("%s: %u records (%s, %s)", path, report.records, report.format,
                 report.dialect);
    } else if (status == DOCKET_ERR_UNSUPPORTED) {
        r->skipped++;
        msg_info("skipped: %s", docket_index_error(index));
    } else if (status == DOCKET_ERR_INDEX_BUSY || status == DOCKET_ERR_INDEX_CORRUPT ||
               status == DOCKET_ERR_INDEX || status == DOCKET_ERR_NO_MEMORY) {
        msg_error("%s", docket_index_error(index));
        r->fatal = run_exit_code(status);
        return 1;
    } else {
        r->failed++;
        msg_error("failed: %s", docket_index_error(index));
    }
    return 0;
}

void run_on_member(const docket_member_report *member, void *data)
{
    run *r = data;
    if (member->status == DOCKET_OK) {
        tally_add(&r->dialects, member->dialect, member->records);
    } else if (member->status == DOCKET_ERR_UNSUPPORTED) {
        r->skipped++;
        msg_info("skipped: %s", member->error);
    } else {
        r->failed++;
        msg_error("failed: %s", member->error);
    }
}

