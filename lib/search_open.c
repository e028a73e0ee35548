/* search_open.c: opening an index, its shards and remote shards for searching. */
#include "searcher.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "schema.h"
#include "strbuf.h"

/* A reader that meets a commit in progress reopens and tries again. */
#define OPEN_ATTEMPTS 20
#define OPEN_DELAY_MS 100
#define DEFAULT_TIMEOUT_MS 10000
#define REMOTE_SCHEME "tcp://"

const char *docket_searcher_error(const docket_searcher *searcher)
{
    return searcher->err.message;
}

bool docket_transient(xc_status xs)
{
    return xs == XC_MODIFIED || xs == XC_CORRUPT || xs == XC_OTHER || xs == XC_NOT_FOUND;
}

docket_status docket_searcher_fail(docket_searcher *searcher, xc_status xs, const char *what)
{
    searcher->modified = docket_transient(xs);
    return docket_error_set(&searcher->err, docket_status_from_xc(xs), "%s: %s: %s",
                            searcher->label, what, xc_database_error(searcher->db));
}

void docket_sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* ---- One shard -------------------------------------------------------- */

/* Open a local index, trying again for a while when a read fails the way
 * a concurrent compaction can make it fail. A missing index fails at once. */
static xc_status open_local(const char *path, xc_database **out, xc_error *err)
{
    xc_status xs = XC_OK;
    for (int attempt = 0; attempt < SEARCH_ATTEMPTS; attempt++) {
        xs = xc_database_open_retry(path, OPEN_ATTEMPTS, OPEN_DELAY_MS, out, err);
        if (xs == XC_OK || xs == XC_NOT_FOUND || !docket_transient(xs))
            return xs;
        docket_sleep_ms(OPEN_DELAY_MS);
    }
    return xs;
}

/* Open tcp://HOST:PORT; an address that does not parse is XC_INVALID_ARGUMENT. */
static xc_status open_remote(const char *url, unsigned timeout_ms, xc_database **out,
                             xc_error *err)
{
    const char *address = url + strlen(REMOTE_SCHEME);
    const char *colon = strrchr(address, ':');
    char *end = NULL;
    unsigned long port = colon ? strtoul(colon + 1, &end, 10) : 0;
    if (!colon || colon == address || !end || *end != '\0' || port == 0 || port > 65535) {
        snprintf(err->message, sizeof err->message,
                 "%s: invalid remote address: expected tcp://HOST:PORT", url);
        return XC_INVALID_ARGUMENT;
    }
    char host[256];
    snprintf(host, sizeof host, "%.*s", (int)(colon - address), address);
    return xc_database_open_remote(host, (unsigned)port, timeout_ms, out, err);
}

static bool is_remote(const char *path)
{
    return strncmp(path, REMOTE_SCHEME, strlen(REMOTE_SCHEME)) == 0;
}

/* Open one shard; on failure `reason` names it and gives the cause. */
static docket_status open_shard(docket_searcher *searcher, const char *path, xc_database **out,
                                docket_error *reason)
{
    xc_error xerr = {{0}};
    xc_status xs = is_remote(path)
                       ? open_remote(path, searcher->options.timeout_ms, out, &xerr)
                       : open_local(path, out, &xerr);
    if (xs == XC_OK)
        return DOCKET_OK;
    if (xs == XC_NOT_FOUND)
        return docket_error_set(reason, DOCKET_ERR_INDEX_NOT_FOUND,
                                "%s: no index found; build one with docket-index", path);
    if (xs == XC_NETWORK)
        return docket_error_set(reason, DOCKET_ERR_INDEX, "%s: shard not reachable: %.900s", path,
                                xerr.message);
    if (xs == XC_LOCKED || xs == XC_MODIFIED || xs == XC_INVALID_ARGUMENT)
        return docket_error_set(reason, docket_status_from_xc(xs), "%s", xerr.message);
    return docket_error_set(reason, docket_status_from_xc(xs),
                            "%.900s; if this persists, rebuild the index with docket-index "
                            "--full",
                            xerr.message);
}

/* ---- All shards ------------------------------------------------------- */

/* Open every shard into searcher->db; a shard that fails is skipped with
 * allow_partial, else the whole open fails. */
static docket_status connect_shards(docket_searcher *searcher, docket_error *err)
{
    xc_database *combined = NULL;
    docket_status status = DOCKET_OK;
    searcher->remote = false;
    for (size_t i = 0; i < searcher->count && status == DOCKET_OK; i++) {
        xc_database *db = NULL;
        docket_error reason;
        status = open_shard(searcher, searcher->paths[i], &db, &reason);
        if (status != DOCKET_OK && searcher->options.allow_partial) {
            if (searcher->options.on_skip)
                searcher->options.on_skip(searcher->paths[i], reason.message,
                                          searcher->options.on_skip_data);
            status = DOCKET_OK;
            continue;
        }
        if (status != DOCKET_OK) {
            docket_error_set(err, status, "%s", reason.message);
            break;
        }
        searcher->remote = searcher->remote || is_remote(searcher->paths[i]);
        if (!combined) {
            combined = db;
            continue;
        }
        xc_status xs = xc_database_add(combined, db);
        xc_database_free(db);
        if (xs != XC_OK)
            status = docket_error_set(err, docket_status_from_xc(xs), "%s: %s",
                                      searcher->paths[i], xc_database_error(combined));
    }
    if (status == DOCKET_OK && !combined)
        status = docket_error_set(err, DOCKET_ERR_INDEX_NOT_FOUND,
                                  "%s: no shard could be opened", searcher->label);
    if (status != DOCKET_OK) {
        xc_database_free(combined);
        return status;
    }
    xc_database_free(searcher->db);
    searcher->db = combined;
    return DOCKET_OK;
}

docket_status docket_searcher_reopen(docket_searcher *searcher)
{
    return connect_shards(searcher, &searcher->err);
}

static docket_status check_version(docket_searcher *searcher)
{
    char *version = NULL;
    xc_status xs = xc_database_get_metadata(searcher->db, DOCKET_SCHEMA_KEY, &version);
    if (xs != XC_OK)
        return docket_searcher_fail(searcher, xs, "reading the schema version");

    /* docket-index stamps a new index in its first commit: an index killed
     * before that is empty and has no version yet. */
    unsigned count = 0;
    bool unstamped = *version == '\0' &&
                     xc_database_doccount(searcher->db, &count) == XC_OK && count == 0;
    docket_status status = DOCKET_OK;
    if (strcmp(version, DOCKET_SCHEMA_VERSION) != 0 && !unstamped)
        status = docket_error_set(&searcher->err, DOCKET_ERR_INDEX_VERSION,
                                  "%s: index has schema version '%s', this docket reads "
                                  "version %s; re-run docket-index to rebuild it",
                                  searcher->label, version, DOCKET_SCHEMA_VERSION);
    free(version);
    return status;
}

/* Read the synonyms docket-index stored. docket-index checked them, so a
 * failure here only leaves acronyms unexpanded. */
static void load_synonyms(docket_searcher *searcher)
{
    char *data = NULL;
    if (xc_database_get_metadata(searcher->db, DOCKET_SYNONYMS_KEY, &data) == XC_OK && *data)
        docket_synonyms_parse(searcher->label, data, strlen(data), &searcher->synonyms, NULL);
    free(data);
}

static docket_status copy_paths(docket_searcher *searcher, const char *const *paths,
                                size_t count)
{
    strbuf label = STRBUF_INIT;
    searcher->paths = calloc(count, sizeof *searcher->paths);
    if (!searcher->paths)
        return DOCKET_ERR_NO_MEMORY;
    for (size_t i = 0; i < count; i++) {
        if (!(searcher->paths[i] = strdup(paths[i])))
            return DOCKET_ERR_NO_MEMORY;
        searcher->count++;
        if ((i > 0 && !strbuf_append_str(&label, ", ")) || !strbuf_append_str(&label, paths[i])) {
            strbuf_free(&label);
            return DOCKET_ERR_NO_MEMORY;
        }
    }
    searcher->label = label.data;
    return DOCKET_OK;
}

docket_status docket_searcher_open_shards(const char *const *paths, size_t count,
                                          const docket_open_options *options,
                                          docket_searcher **out, docket_error *err)
{
    if (count == 0)
        return docket_error_set(err, DOCKET_ERR_USAGE, "no index given");
    docket_searcher *searcher = calloc(1, sizeof *searcher);
    if (!searcher || copy_paths(searcher, paths, count) != DOCKET_OK) {
        docket_searcher_free(searcher);
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "%s: out of memory", paths[0]);
    }
    if (options)
        searcher->options = *options;
    if (searcher->options.timeout_ms == 0)
        searcher->options.timeout_ms = DEFAULT_TIMEOUT_MS;

    docket_status status = connect_shards(searcher, err);
    if (status == DOCKET_OK && (status = check_version(searcher)) != DOCKET_OK)
        docket_error_set(err, status, "%s", searcher->err.message);
    if (status != DOCKET_OK) {
        docket_searcher_free(searcher);
        return status;
    }
    load_synonyms(searcher);
    *out = searcher;
    return DOCKET_OK;
}

docket_status docket_searcher_open(const char *path, docket_searcher **out,
                                   docket_error *err)
{
    return docket_searcher_open_shards(&path, 1, NULL, out, err);
}

void docket_searcher_free(docket_searcher *searcher)
{
    if (!searcher)
        return;
    xc_database_free(searcher->db);
    docket_synonyms_free(searcher->synonyms);
    for (size_t i = 0; i < searcher->count; i++)
        free(searcher->paths[i]);
    free(searcher->paths);
    free(searcher->label);
    free(searcher);
}
