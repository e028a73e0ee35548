/* shards.c: the index, or the shards of a sharded index, that docket-index writes. */
#include "shards.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/msg.h"
#include "cli/options.h"

#define STUB_NAME "XAPIANDB"

bool shards_parse_one(const char *text, shard_plan *out)
{
    char number[16];
    const char *slash = strchr(text, '/');
    unsigned k = 0;
    unsigned n = 0;
    if (!slash || (size_t)(slash - text) >= sizeof number)
        return false;
    snprintf(number, sizeof number, "%.*s", (int)(slash - text), text);
    if (!options_parse_unsigned(number, MAX_SHARDS, &k) ||
        !options_parse_unsigned(slash + 1, MAX_SHARDS, &n) || n == 0 || k >= n)
        return false;
    out->count = n;
    out->only = (int)k;
    return true;
}

/* Count the databases a stub file lists; 0 when there is none. */
static unsigned stub_shards(const char *path)
{
    char stub[PATH_MAX];
    snprintf(stub, sizeof stub, "%s/%s", path, STUB_NAME);
    FILE *file = fopen(stub, "r");
    if (!file)
        return 0;
    unsigned count = 0;
    char line[PATH_MAX];
    while (fgets(line, sizeof line, file))
        count += line[0] != '\n' && line[0] != '#';
    fclose(file);
    return count;
}

/* Write the stub file listing shard-0 .. shard-N-1, replacing it atomically. */
static bool write_stub(const char *path, unsigned count)
{
    char stub[PATH_MAX];
    char temporary[PATH_MAX];
    snprintf(stub, sizeof stub, "%s/%s", path, STUB_NAME);
    snprintf(temporary, sizeof temporary, "%s/%s.tmp", path, STUB_NAME);
    FILE *file = fopen(temporary, "w");
    if (!file)
        return false;
    for (unsigned i = 0; i < count; i++)
        fprintf(file, "glass shard-%u\n", i);
    bool ok = fclose(file) == 0 && rename(temporary, stub) == 0;
    if (!ok)
        remove(temporary);
    return ok;
}

/* Check that the index at `path` has the layout `plan` requests. */
static int check_layout(const char *path, const shard_plan *plan)
{
    unsigned existing = stub_shards(path);
    bool sharded = plan->count > 1 && plan->only < 0;
    if (existing > 0 && !sharded) {
        msg_error("%s: a sharded index of %u shards; pass --shards %u", path, existing,
                  existing);
        return EXIT_USAGE;
    }
    if (existing > 0 && existing != plan->count) {
        msg_error("%s: the index has %u shards, not %u; pass --shards %u, or choose another "
                  "-d to rebuild with %u",
                  path, existing, plan->count, existing, plan->count);
        return EXIT_USAGE;
    }
    return 0;
}

static int open_error(docket_status status, const char *message)
{
    msg_error("%s", message);
    if (status == DOCKET_ERR_USAGE || status == DOCKET_ERR_IO)
        return EXIT_USAGE;
    return status == DOCKET_ERR_INDEX_BUSY ? EXIT_BUSY : EXIT_INDEX;
}

int shards_open(shard_set *set, const char *path, const shard_plan *plan,
                const docket_index_options *options)
{
    set->plan = *plan;
    snprintf(set->path, sizeof set->path, "%s", path);
    int code = check_layout(path, plan);
    if (code != 0)
        return code;

    docket_error err;
    bool sharded = plan->count > 1 && plan->only < 0;
    if (!sharded) {
        docket_status status = docket_index_open(path, options, &set->indexes[0], &err);
        if (status != DOCKET_OK)
            return open_error(status, err.message);
        set->open = 1;
        return 0;
    }

    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        msg_error("%s: %s", path, strerror(errno));
        return EXIT_USAGE;
    }
    for (unsigned i = 0; i < plan->count; i++) {
        char shard[PATH_MAX];
        snprintf(shard, sizeof shard, "%s/shard-%u", path, i);
        docket_status status = docket_index_open(shard, options, &set->indexes[i], &err);
        if (status != DOCKET_OK)
            return open_error(status, err.message);
        set->open++;
    }
    if (docket_index_link_shards(set->indexes, set->open) != DOCKET_OK) {
        msg_error("%s: out of memory", path);
        return EXIT_INDEX;
    }
    if (!write_stub(path, plan->count)) {
        msg_error("%s/%s: writing the stub file failed: %s", path, STUB_NAME, strerror(errno));
        return EXIT_INDEX;
    }
    return 0;
}

docket_index *shards_route(shard_set *set, const char *path)
{
    if (set->plan.count <= 1)
        return set->indexes[0];
    unsigned shard = 0;
    if (docket_index_shard(path, set->plan.count, &shard) != DOCKET_OK)
        return set->open == 1 ? set->indexes[0] : NULL;
    if (set->plan.only >= 0)
        return shard == (unsigned)set->plan.only ? set->indexes[0] : NULL;
    return set->indexes[shard];
}

int shards_finish(shard_set *set, bool compact)
{
    for (unsigned i = 0; i < set->open; i++) {
        docket_status status = docket_index_commit(set->indexes[i]);
        if (status == DOCKET_OK && compact)
            status = docket_index_compact(set->indexes[i]);
        if (status == DOCKET_OK)
            status = docket_index_close(set->indexes[i]);
        if (status != DOCKET_OK)
            return open_error(status, docket_index_error(set->indexes[i]));
    }
    return 0;
}

unsigned shards_record_count(shard_set *set)
{
    unsigned total = 0;
    for (unsigned i = 0; i < set->open; i++) {
        unsigned count = 0;
        if (docket_index_count(set->indexes[i], &count) == DOCKET_OK)
            total += count;
    }
    return total;
}

void shards_free(shard_set *set)
{
    for (unsigned i = 0; i < set->open; i++)
        docket_index_free(set->indexes[i]);
    set->open = 0;
}
