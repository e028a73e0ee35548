/* index.c: building and updating a docket index. */
#define _GNU_SOURCE /* renameat2 */
#include "docket/index.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "docket/dialect.h"
#include "docket/extract.h"
#include "docket/normalise.h"
#include "docket/record.h"
#include "fsutil.h"
#include "index_private.h"
#include "schema.h"
#include "strbuf.h"
#include "synonyms.h"
#include "xapian-c.h"
#include "xc_status.h"

#define DEFAULT_COMMIT_FILES 200
#define DEFAULT_COMMIT_BYTES (64ull << 20)
#define LOCK_POLL_MS 100

bool docket_index_has_positions(const docket_index *index)
{
    return index->positions;
}

const char *docket_index_error(const docket_index *index)
{
    return index->err.message;
}

/* Record a database failure on the index and return its status. */
static docket_status db_fail(docket_index *index, xc_status xs, const char *what)
{
    return docket_error_set(&index->err, docket_status_from_xc(xs), "%s: %s: %s", index->path, what,
                            xc_database_error(index->db));
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Refuse to write into `path` unless it is missing, an empty folder or a
 * Xapian database: compaction replaces the whole folder, so anything else
 * in it would be lost. */
static docket_status check_index_folder(const char *path, docket_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return errno == ENOENT ? DOCKET_OK
                               : docket_error_set(err, DOCKET_ERR_USAGE, "%s: %s", path,
                                                  strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return docket_error_set(err, DOCKET_ERR_USAGE,
                                "%s: not a docket index (not a folder); choose another -d",
                                path);

    char marker[PATH_MAX];
    snprintf(marker, sizeof marker, "%s/iamglass", path);
    if (access(marker, F_OK) == 0)
        return DOCKET_OK;
    DIR *dir = opendir(path);
    if (!dir)
        return docket_error_set(err, DOCKET_ERR_USAGE, "%s: %s", path, strerror(errno));
    struct dirent *entry;
    bool empty = true;
    while (empty && (entry = readdir(dir)) != NULL)
        empty = strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0;
    closedir(dir);
    if (empty)
        return DOCKET_OK;
    return docket_error_set(err, DOCKET_ERR_USAGE,
                            "%s: not a docket index (a folder with other files); choose "
                            "another -d, an empty folder or a new path",
                            path);
}

/* Open the writable database, waiting up to `timeout` seconds for the lock. */
static docket_status open_locked(docket_index *index, unsigned timeout, docket_error *err)
{
    xc_error xerr;
    unsigned waited_ms = 0;
    for (;;) {
        xc_status xs = xc_database_create(index->path, &index->db, &xerr);
        if (xs == XC_OK)
            return DOCKET_OK;
        if (xs != XC_LOCKED || waited_ms >= timeout * 1000u) {
            if (xs == XC_LOCKED)
                return docket_error_set(err, DOCKET_ERR_INDEX_BUSY,
                                        "%s: index is locked by another docket-index "
                                        "(waited %u s; see --lock-timeout)",
                                        index->path, timeout);
            return docket_error_set(err, docket_status_from_xc(xs), "%s", xerr.message);
        }
        sleep_ms(LOCK_POLL_MS);
        waited_ms += LOCK_POLL_MS;
    }
}

static int collect_term(const char *term, unsigned freq, void *data)
{
    (void)freq;
    return json_array_append_new(data, json_string(term)) != 0;
}

/* Delete every record: the terms are collected first, so that the index is
 * not changed while its terms are walked. */
static xc_status delete_all_records(xc_database *db)
{
    json_t *terms = json_array();
    if (!terms)
        return XC_NO_MEMORY;
    xc_status xs = xc_database_each_term(db, DOCKET_PREFIX_PATH, collect_term, terms);
    size_t i;
    json_t *term;
    json_array_foreach(terms, i, term) {
        if (xs == XC_OK)
            xs = xc_database_delete_by_term(db, json_string_value(term));
    }
    json_decref(terms);
    return xs;
}

#define GENERATION_KEY "docket.generation"

/* Read the generation, then bump it when `bump`: an emptied index must
 * not trust the file states that earlier runs recorded. */
static docket_status update_generation(docket_index *index, bool bump)
{
    char *value = NULL;
    xc_status xs = xc_database_get_metadata(index->db, GENERATION_KEY, &value);
    if (xs != XC_OK)
        return db_fail(index, xs, "reading the index generation");
    index->generation = strtoul(value, NULL, 10);
    free(value);
    if (!bump)
        return DOCKET_OK;

    char text[32];
    snprintf(text, sizeof text, "%lu", ++index->generation);
    xs = xc_database_set_metadata(index->db, GENERATION_KEY, text);
    return xs == XC_OK ? DOCKET_OK : db_fail(index, xs, "writing the index generation");
}

/* Decide whether the index keeps word positions: as asked, else as it
 * does. Set `*current` to false when the index must be rebuilt for it. */
static docket_status check_positions(docket_index *index, bool empty, bool *current)
{
    char *stored = NULL;
    xc_status xs = xc_database_get_metadata(index->db, DOCKET_POSITIONS_KEY, &stored);
    if (xs != XC_OK)
        return db_fail(index, xs, "reading the index settings");
    bool had = strcmp(stored, "no") != 0;
    free(stored);
    if (index->positions_option == DOCKET_POSITIONS_KEEP)
        index->positions = had || empty;
    else
        index->positions = index->positions_option == DOCKET_POSITIONS_ON;
    if (!empty && had != index->positions)
        *current = false;
    return DOCKET_OK;
}

/* Make sure the index has the current schema and the positions asked for:
 * stamp a new index, empty one of another version or setting so that
 * this run rebuilds it. */
static docket_status check_schema(docket_index *index)
{
    char *version = NULL;
    xc_status xs = xc_database_get_metadata(index->db, DOCKET_SCHEMA_KEY, &version);
    if (xs != XC_OK)
        return db_fail(index, xs, "reading the schema version");

    bool current = strcmp(version, DOCKET_SCHEMA_VERSION) == 0;
    bool empty = *version == '\0';
    free(version);
    unsigned count = 0;
    if (empty && xc_database_doccount(index->db, &count) == XC_OK && count > 0)
        return docket_error_set(&index->err, DOCKET_ERR_USAGE,
                                "%s: a Xapian database that docket did not build; choose "
                                "another -d",
                                index->path);
    docket_status status = check_positions(index, empty, &current);
    if (status == DOCKET_OK)
        status = update_generation(index, !current && !empty);
    if (status != DOCKET_OK || current)
        return status;

    if (!empty) {
        xs = delete_all_records(index->db);
        if (xs != XC_OK)
            return db_fail(index, xs, "emptying an index of another schema version");
    }
    xs = xc_database_set_metadata(index->db, DOCKET_SCHEMA_KEY, DOCKET_SCHEMA_VERSION);
    if (xs == XC_OK)
        xs = xc_database_set_metadata(index->db, DOCKET_POSITIONS_KEY,
                                      index->positions ? "" : "no");
    if (xs == XC_OK)
        xs = xc_database_commit(index->db);
    return xs == XC_OK ? DOCKET_OK : db_fail(index, xs, "writing the schema version");
}

/* Fail unless `path` is a regular file of at most 16 MiB, so that a FIFO
 * or a device given as a data file cannot block or exhaust the indexer. */
static docket_status check_regular_file(const char *path, const char *what, docket_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return docket_error_set(err, DOCKET_ERR_USAGE, "%s %s: %s", what, path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return docket_error_set(err, DOCKET_ERR_USAGE, "%s %s: not a regular file", what, path);
    if (st.st_size > (16 << 20))
        return docket_error_set(err, DOCKET_ERR_USAGE, "%s %s: larger than 16 MiB", what, path);
    return DOCKET_OK;
}

/* Read the whole file at `path` into a malloc'ed buffer. */
static docket_status read_small_file(const char *path, char **out, size_t *len,
                                     docket_error *err)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return docket_error_set(err, DOCKET_ERR_IO, "%s: %s", path, strerror(errno));
    strbuf buf = STRBUF_INIT;
    char chunk[4096];
    size_t got;
    bool ok = true;
    while (ok && (got = fread(chunk, 1, sizeof chunk, file)) > 0)
        ok = strbuf_append(&buf, chunk, got);
    bool failed = ferror(file);
    fclose(file);
    if (!ok || failed) {
        strbuf_free(&buf);
        return docket_error_set(err, ok ? DOCKET_ERR_IO : DOCKET_ERR_NO_MEMORY, "%s: %s", path,
                                ok ? "read failed" : "out of memory");
    }
    *len = buf.len;
    *out = buf.data ? buf.data : strdup("");
    return *out ? DOCKET_OK : docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");
}

/* Check the synonym file at `path` and store it in the index, where
 * docket-search reads it. */
static docket_status store_synonyms(docket_index *index, const char *path, docket_error *err)
{
    char *data = NULL;
    size_t len = 0;
    docket_synonyms *synonyms = NULL;
    docket_status status = check_regular_file(path, "synonym file", err);
    if (status == DOCKET_OK)
        status = read_small_file(path, &data, &len, err);
    if (status == DOCKET_OK)
        status = docket_synonyms_parse(path, data, len, &synonyms, err);
    if (status == DOCKET_ERR_INVALID_INPUT || status == DOCKET_ERR_IO)
        status = DOCKET_ERR_USAGE;
    if (status == DOCKET_OK) {
        xc_status xs = xc_database_set_metadata(index->db, DOCKET_SYNONYMS_KEY, data);
        if (xs != XC_OK)
            status = docket_error_set(err, docket_status_from_xc(xs), "%s: storing synonyms: %s", index->path,
                                      xc_database_error(index->db));
    }
    docket_synonyms_free(synonyms);
    free(data);
    return status;
}

static docket_status load_aliases(docket_index *index, const char *path, docket_error *err)
{
    docket_status status = docket_aliases_new(&index->aliases);
    if (status != DOCKET_OK)
        return docket_error_set(err, status, "out of memory");
    if (!path)
        return DOCKET_OK;
    status = check_regular_file(path, "alias file", err);
    if (status == DOCKET_OK)
        status = docket_aliases_load(index->aliases, path, err);
    if (status == DOCKET_ERR_INVALID_INPUT || status == DOCKET_ERR_IO)
        return docket_error_set(err, DOCKET_ERR_USAGE, "invalid alias file: %.900s",
                                err->message);
    return status;
}

/* Remove what a run killed half-way left beside `path`: folders named
 * PATH.compact-PID, PATH.old-PID or PATH.part-PID whose process is gone. */
static void remove_stale_copies(const char *path)
{
    char folder[PATH_MAX];
    snprintf(folder, sizeof folder, "%s", path);
    char *slash = strrchr(folder, '/');
    const char *name = slash ? slash + 1 : folder;
    const char *parent = ".";
    if (slash == folder)
        parent = "/";
    else if (slash)
        parent = folder;
    if (slash)
        *slash = '\0';
    size_t name_len = strlen(name);

    DIR *dir = opendir(parent);
    if (!dir)
        return;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        const char *rest = entry->d_name + name_len;
        if (strncmp(entry->d_name, name, name_len) != 0)
            continue;
        const char *pid_text = strncmp(rest, ".compact-", 9) == 0 ? rest + 9
                               : strncmp(rest, ".old-", 5) == 0   ? rest + 5
                               : strncmp(rest, ".part-", 6) == 0  ? rest + 6
                                                                  : NULL;
        char *end = NULL;
        long pid = pid_text ? strtol(pid_text, &end, 10) : 0;
        bool gone = pid > 0 && *end == '\0' && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
        if (!gone)
            continue;
        char stale[PATH_MAX * 2];
        snprintf(stale, sizeof stale, "%s/%s", parent, entry->d_name);
        docket_remove_tree(stale);
    }
    closedir(dir);
}

docket_status docket_index_open(const char *path, const docket_index_options *options,
                                docket_index **out, docket_error *err)
{
    docket_index_options defaults = {0};
    if (!options)
        options = &defaults;

    docket_index *index = calloc(1, sizeof *index);
    if (!index || !(index->path = strdup(path))) {
        free(index);
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "%s: out of memory", path);
    }
    docket_extract_init();
    docket_extract_limits_default(&index->limits);
    index->commit_files = options->commit_files ? options->commit_files : DEFAULT_COMMIT_FILES;
    index->commit_bytes = options->commit_bytes ? options->commit_bytes : DEFAULT_COMMIT_BYTES;
    index->full = options->full;
    index->keep_first = options->keep_first;
    index->positions_option = options->positions;
    index->on_member = options->on_member;
    index->on_member_data = options->on_member_data;

    docket_status status = load_aliases(index, options->aliases_path, err);
    if (status == DOCKET_OK)
        status = check_index_folder(path, err);
    if (status == DOCKET_OK)
        status = open_locked(index, options->lock_timeout, err);
    if (status == DOCKET_OK)
        remove_stale_copies(index->path);
    if (status == DOCKET_OK) {
        xc_error xerr;
        xc_status xs = xc_termgen_new(DOCKET_LANGUAGE, &index->tg, &xerr);
        if (xs == XC_OK)
            xs = xc_termgen_set_stemming_strategy(index->tg, XC_STEM_SOME);
        status = xs == XC_OK ? DOCKET_OK
                             : docket_error_set(err, docket_status_from_xc(xs), "%s: %s", path, xerr.message);
    }
    if (status == DOCKET_OK && (status = check_schema(index)) != DOCKET_OK)
        docket_error_set(err, status, "%s", index->err.message);
    if (status == DOCKET_OK && options->synonyms_path)
        status = store_synonyms(index, options->synonyms_path, err);
    if (status == DOCKET_OK) {
        /* Spelling data lets docket-search suggest a word for a query that
         * finds nothing. */
        xc_status xs = xc_termgen_set_database(index->tg, index->db);
        if (xs == XC_OK)
            xs = xc_termgen_set_flags(index->tg, XC_TG_SPELLING);
        if (xs != XC_OK)
            status = docket_error_set(err, docket_status_from_xc(xs), "%s: %s", path, xc_termgen_error(index->tg));
    }
    if (status != DOCKET_OK) {
        docket_index_free(index);
        return status;
    }
    *out = index;
    return DOCKET_OK;
}

/* ---- What earlier runs saw ----------------------------------------- */

/* Xapian limits metadata keys to about 245 bytes; longer paths are hashed. */
#define MAX_PLAIN_KEY 200

static unsigned long long fnv1a(unsigned long long hash, const void *data, size_t len)
{
    const unsigned char *bytes = data;
    for (size_t i = 0; i < len; i++) {
        hash ^= bytes[i];
        hash *= 1099511628211ull;
    }
    return hash;
}

#define FNV_OFFSET 14695981039346656037ull

static void file_key(const char *abs_path, char *key, size_t size)
{
    if (strlen(abs_path) <= MAX_PLAIN_KEY)
        snprintf(key, size, "%s%s", FILE_KEY_PREFIX, abs_path);
    else
        snprintf(key, size, "%s#%016llx", FILE_KEY_PREFIX,
                 fnv1a(FNV_OFFSET, abs_path, strlen(abs_path)));
}

/* Hash the content of `path`; false when it cannot be read. */
static bool hash_file(const char *path, unsigned long long *out)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return false;
    unsigned long long hash = FNV_OFFSET;
    char buffer[65536];
    size_t got;
    while ((got = fread(buffer, 1, sizeof buffer, file)) > 0)
        hash = fnv1a(hash, buffer, got);
    bool ok = !ferror(file);
    fclose(file);
    *out = hash;
    return ok;
}

static bool load_state(docket_index *index, const char *abs_path, file_state *out)
{
    char key[MAX_PLAIN_KEY + 64];
    char *value = NULL;
    file_key(abs_path, key, sizeof key);
    if (xc_database_get_metadata(index->db, key, &value) != XC_OK)
        return false;
    unsigned long generation = 0;
    bool ok = sscanf(value, "%lu %llu %lld.%ld %llx", &generation, &out->size, &out->mtime_sec,
                     &out->mtime_nsec, &out->hash) == 5;
    free(value);
    return ok && generation == index->generation;
}

static docket_status save_state(docket_index *index, const char *abs_path,
                                const file_state *state)
{
    char key[MAX_PLAIN_KEY + 64];
    char value[PATH_MAX + 128];
    file_key(abs_path, key, sizeof key);
    int n = snprintf(value, sizeof value, "%lu %llu %lld.%09ld %016llx", index->generation,
                     state->size, state->mtime_sec, state->mtime_nsec, state->hash);
    /* A second writer's states name their file, which the key may not
     * (long paths are hashed), for docket_index_settle_merge. */
    if (index->keep_first && n > 0 && (size_t)n < sizeof value)
        snprintf(value + n, sizeof value - (size_t)n, " %s", abs_path);
    xc_status xs = xc_database_set_metadata(index->db, key, value);
    return xs == XC_OK ? DOCKET_OK : db_fail(index, xs, "recording the file state");
}

/* Decide whether `path` changed since the run that recorded its state, and
 * fill `now` with its current state. */
static bool file_changed(docket_index *index, const char *path, const char *abs_path,
                         file_state *now)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return true;
    now->size = (unsigned long long)st.st_size;
    now->mtime_sec = (long long)st.st_mtim.tv_sec;
    now->mtime_nsec = st.st_mtim.tv_nsec;
    now->hash = 0;

    file_state before;
    bool known = !index->full && load_state(index, abs_path, &before);
    if (known && before.size == now->size && before.mtime_sec == now->mtime_sec &&
        before.mtime_nsec == now->mtime_nsec) {
        now->hash = before.hash;
        return false;
    }
    if (!hash_file(path, &now->hash))
        return true;
    return !(known && before.size == now->size && before.hash == now->hash);
}

/* ---- One file -------------------------------------------------------- */

/* Give a record of the file its id. Contributions and actions get number
 * and meeting, so that a later snapshot of the same meeting replaces them.
 * Everything else, meeting records included (one meeting has an agenda and
 * minutes of several groups), gets source path and line. `seen` contains the ids used
 * in this file so far, so that none repeats. */
static docket_status assign_id(json_t *record, json_t *seen)
{
    const json_t *source = json_object_get(record, "source");
    const char *path = json_string_value(json_object_get(source, "path"));
    const char *type = docket_record_get(record, "type");
    const char *meeting = docket_record_get(record, "meeting");
    const char *doc = docket_record_get(record, "doc");
    const char *action = docket_record_get(record, "action");
    json_int_t line = json_integer_value(json_object_get(source, "line"));
    char id[1024];

    if (doc && meeting && strcmp(type, DOCKET_TYPE_CONTRIBUTION) == 0)
        snprintf(id, sizeof id, "%s@%s", doc, meeting);
    else if (action && meeting)
        snprintf(id, sizeof id, "%s@%s", action, meeting);
    else
        snprintf(id, sizeof id, "%s#%lld", path ? path : "", (long long)line);

    size_t base_len = strlen(id);
    for (int n = 2; json_object_get(seen, id); n++)
        snprintf(id + base_len, sizeof id - base_len, "~%d", n);
    if (json_object_set_new(seen, id, json_true()) != 0)
        return DOCKET_ERR_NO_MEMORY;
    return docket_record_set(record, "id", id);
}

/* A record replaces the record with its id in every shard, as it does in
 * one index: a later snapshot of a meeting may sit in another file, and
 * so in another shard.
 * NOTE: the shards commit on their own, so a crash between two commits
 * can leave a record removed from one shard and not yet added to another.
 * The next run re-reads the files that were not committed and restores it. */
static docket_status remove_from_siblings(docket_index *index, const char *term)
{
    for (unsigned i = 0; i < index->sibling_count; i++) {
        docket_index *sibling = index->siblings[i];
        xc_status xs = xc_database_delete_by_term(sibling->db, term);
        if (xs != XC_OK)
            return docket_error_set(&index->err, docket_status_from_xc(xs), "%s: removing a replaced record: %s",
                                    sibling->path, xc_database_error(sibling->db));
    }
    return DOCKET_OK;
}

/* Return whether an index that keeps first records already contains a
 * record with the id `term`. */
static bool kept_before(docket_index *index, const char *term)
{
    unsigned count = 0;
    return index->keep_first && xc_database_termfreq(index->db, term, &count) == XC_OK &&
           count > 0;
}

static docket_status add_record(docket_index *index, json_t *record, const char *abs_path)
{
    const char *id = docket_record_get(record, "id");
    char term[1100];
    snprintf(term, sizeof term, "%s%s", DOCKET_PREFIX_ID, id);
    if (kept_before(index, term))
        return DOCKET_OK;

    xc_document *doc = NULL;
    xc_status xs = xc_document_new(&doc);
    if (xs != XC_OK)
        return docket_error_set(&index->err, DOCKET_ERR_NO_MEMORY, "out of memory");

    docket_status status =
        docket_schema_document(record, id, abs_path, index->tg, index->positions, doc, &index->err);
    if (status == DOCKET_OK) {
        xc_docid docid;
        xs = xc_database_replace_document(index->db, term, doc, &docid);
        if (xs != XC_OK)
            status = db_fail(index, xs, "adding a record");
        if (status == DOCKET_OK)
            status = remove_from_siblings(index, term);
    }
    xc_document_free(doc);
    return status;
}

/* Replace the records of `abs_path` with `records` in one transaction. */
static docket_status store_records(docket_index *index, json_t *records,
                                   const char *abs_path)
{
    char term[PATH_MAX + 8];
    snprintf(term, sizeof term, "%s%s", DOCKET_PREFIX_PATH, abs_path);

    xc_status xs = xc_database_begin(index->db);
    if (xs != XC_OK)
        return db_fail(index, xs, "starting a transaction");
    xs = xc_database_delete_by_term(index->db, term);
    docket_status status = xs == XC_OK ? DOCKET_OK : db_fail(index, xs, "removing old records");

    json_t *seen = json_object();
    size_t i;
    json_t *record;
    json_array_foreach(records, i, record) {
        if (status != DOCKET_OK)
            break;
        status = seen ? assign_id(record, seen) : DOCKET_ERR_NO_MEMORY;
        if (status == DOCKET_OK)
            status = add_record(index, record, abs_path);
    }
    json_decref(seen);

    xs = xc_database_end(index->db, status == DOCKET_OK);
    if (status == DOCKET_OK && xs != XC_OK)
        status = db_fail(index, xs, "ending a transaction");
    return status;
}

static docket_status maybe_commit(docket_index *index, unsigned long long bytes)
{
    index->pending_files++;
    index->pending_bytes += bytes;
    if (index->pending_files < index->commit_files && index->pending_bytes < index->commit_bytes)
        return DOCKET_OK;
    return docket_index_commit(index);
}

/* Parse the documents of `text` (one, or an archive's members) into
 * `records`, filling one report per document. */
static docket_status parse_members(docket_index *index, docket_text *text, json_t *records,
                                   docket_member_report *reports, size_t *count)
{
    size_t n = 0;
    for (docket_text *member = text; member; member = member->next, n++) {
        docket_member_report *report = &reports[n];
        size_t before = json_array_size(records);
        report->path = member->path;
        report->format = member->format;
        report->dialect = NULL;
        report->status = member->status;
        report->error = member->error;
        if (member->status != DOCKET_OK)
            continue;
        docket_status status = docket_dialect_parse(member, index->aliases, records,
                                                    &report->dialect, &index->err);
        if (status != DOCKET_OK)
            return status;
        report->records = (unsigned)(json_array_size(records) - before);
    }
    *count = n;
    return DOCKET_OK;
}

static void report_members(docket_index *index, const docket_member_report *reports,
                           size_t count)
{
    for (size_t i = 0; index->on_member && i < count; i++)
        index->on_member(&reports[i], index->on_member_data);
}

static size_t chain_length(const docket_text *text)
{
    size_t count = 0;
    for (; text; text = text->next)
        count++;
    return count;
}

/* Extract, parse and store the records of one file. An archive's members
 * are stored together, under the archive's path, so that re-indexing it
 * replaces them all; a member that fails is reported and skipped. */
static docket_status index_content(docket_index *index, const char *abs_path,
                                   docket_file_report *out)
{
    /* Records name their source by absolute path, so that results point to
     * the file from any working directory. */
    docket_text *text = NULL;
    docket_status status = docket_extract_file(abs_path, &index->limits, &text, &index->err);
    if (status != DOCKET_OK)
        return status;

    size_t count = 0;
    json_t *records = json_array();
    docket_member_report *reports = calloc(chain_length(text), sizeof *reports);
    if (!records || !reports)
        status = docket_error_set(&index->err, DOCKET_ERR_NO_MEMORY, "out of memory");
    if (status == DOCKET_OK)
        status = parse_members(index, text, records, reports, &count);
    if (status == DOCKET_OK)
        status = store_records(index, records, abs_path);
    if (status == DOCKET_OK) {
        out->records = (unsigned)json_array_size(records);
        out->dialect = count > 0 && reports[0].dialect ? reports[0].dialect : "none";
        report_members(index, reports, count);
    }
    free(reports);
    json_decref(records);
    docket_text_free(text);
    return status;
}

docket_status docket_index_unchanged(docket_index *index, const char *path, bool *out)
{
    char abs_path[PATH_MAX];
    file_state state;
    *out = false;
    if (!realpath(path, abs_path))
        return docket_error_set(&index->err, DOCKET_ERR_IO, "%s: %s", path, strerror(errno));
    *out = !file_changed(index, path, abs_path, &state);
    return DOCKET_OK;
}

docket_status docket_index_add_file(docket_index *index, const char *path,
                                    docket_file_report *out)
{
    out->format = docket_extract_format(path);
    out->dialect = NULL;
    out->records = 0;
    out->unchanged = false;
    if (!out->format)
        return docket_error_set(&index->err, DOCKET_ERR_UNSUPPORTED,
                                "%s: format not supported", path);

    char abs_path[PATH_MAX];
    if (!realpath(path, abs_path))
        return docket_error_set(&index->err, DOCKET_ERR_IO, "%s: %s", path, strerror(errno));

    file_state state;
    if (!file_changed(index, path, abs_path, &state)) {
        out->unchanged = true;
        return DOCKET_OK;
    }
    docket_status status = index_content(index, abs_path, out);
    if (status == DOCKET_OK)
        status = save_state(index, abs_path, &state);
    if (status == DOCKET_OK)
        status = maybe_commit(index, state.size);
    return status;
}

/* ---- Pruning --------------------------------------------------------- */

typedef struct prune_walk {
    const char *const *roots;
    size_t count;
    json_t *gone; /* terms of files that no longer exist */
} prune_walk;

static bool under_root(const char *path, const char *root)
{
    size_t len = strlen(root);
    while (len > 1 && root[len - 1] == '/')
        len--;
    return strncmp(path, root, len) == 0 && (path[len] == '/' || path[len] == '\0');
}

static int find_gone(const char *term, unsigned freq, void *data)
{
    (void)freq;
    prune_walk *walk = data;
    const char *path = term + strlen(DOCKET_PREFIX_PATH);
    bool wanted = false;
    for (size_t i = 0; i < walk->count && !wanted; i++)
        wanted = under_root(path, walk->roots[i]);

    struct stat st;
    if (!wanted || lstat(path, &st) == 0 || errno != ENOENT)
        return 0;
    return json_array_append_new(walk->gone, json_string(term)) != 0;
}

static docket_status delete_gone(docket_index *index, const json_t *gone)
{
    size_t i;
    const json_t *term;
    json_array_foreach(gone, i, term) {
        const char *path = json_string_value(term) + strlen(DOCKET_PREFIX_PATH);
        char key[MAX_PLAIN_KEY + 64];
        file_key(path, key, sizeof key);
        xc_status xs = xc_database_delete_by_term(index->db, json_string_value(term));
        if (xs == XC_OK)
            xs = xc_database_set_metadata(index->db, key, "");
        if (xs != XC_OK)
            return db_fail(index, xs, "removing records of deleted files");
    }
    return DOCKET_OK;
}

docket_status docket_index_prune(docket_index *index, const char *const *roots, size_t count,
                                 unsigned *out)
{
    char **absolute = calloc(count ? count : 1, sizeof *absolute);
    json_t *gone = json_array();
    size_t used = 0;
    for (size_t i = 0; absolute && i < count; i++) {
        /* A root that is missing (a typo, an unmounted share) prunes nothing. */
        if ((absolute[used] = realpath(roots[i], NULL)) != NULL)
            used++;
    }

    docket_status status = DOCKET_OK;
    if (!absolute || !gone) {
        status = docket_error_set(&index->err, DOCKET_ERR_NO_MEMORY, "out of memory");
    } else {
        /* Collect first: the index is not changed while its terms are walked. */
        prune_walk walk = {(const char *const *)absolute, used, gone};
        xc_status xs = xc_database_each_term(index->db, DOCKET_PREFIX_PATH, find_gone, &walk);
        status = xs == XC_OK ? delete_gone(index, gone)
                             : db_fail(index, xs, "listing indexed files");
    }
    *out = (unsigned)json_array_size(gone);
    for (size_t i = 0; i < used; i++)
        free(absolute[i]);
    free(absolute);
    json_decref(gone);
    return status;
}

docket_status docket_index_link_shards(docket_index *const *indexes, unsigned count)
{
    for (unsigned i = 0; i < count; i++) {
        docket_index *index = indexes[i];
        free(index->siblings);
        index->sibling_count = 0;
        index->siblings = calloc(count, sizeof *index->siblings);
        if (!index->siblings)
            return DOCKET_ERR_NO_MEMORY;
        for (unsigned j = 0; j < count; j++) {
            if (j != i)
                index->siblings[index->sibling_count++] = indexes[j];
        }
    }
    return DOCKET_OK;
}

docket_status docket_index_shard(const char *path, unsigned count, unsigned *out)
{
    char abs_path[PATH_MAX];
    if (count == 0 || !realpath(path, abs_path))
        return DOCKET_ERR_IO;
    *out = (unsigned)(fnv1a(FNV_OFFSET, abs_path, strlen(abs_path)) % count);
    return DOCKET_OK;
}

docket_status docket_index_commit(docket_index *index)
{
    index->pending_files = 0;
    index->pending_bytes = 0;
    xc_status xs = xc_database_commit(index->db);
    return xs == XC_OK ? DOCKET_OK : db_fail(index, xs, "committing");
}

docket_status docket_index_count(docket_index *index, unsigned *out)
{
    if (!index->db) {
        *out = index->final_count;
        return DOCKET_OK;
    }
    xc_status xs = xc_database_doccount(index->db, out);
    return xs == XC_OK ? DOCKET_OK : db_fail(index, xs, "counting records");
}

/* ---- Compaction ------------------------------------------------------ */

/* Put the folder `fresh` in place of `path`. With RENAME_EXCHANGE the swap
 * is atomic, so a reader finds one index or the other, never none, and
 * `fresh` then contains the old index. Without it (a file system that
 * lacks it), two renames leave a moment with no index. */
static int swap_folders(const char *fresh, const char *path, const char *old)
{
    if (renameat2(AT_FDCWD, fresh, AT_FDCWD, path, RENAME_EXCHANGE) == 0)
        return rename(fresh, old);
    if (errno != EINVAL && errno != ENOSYS)
        return -1;
    if (rename(path, old) != 0)
        return -1;
    if (rename(fresh, path) != 0) {
        int saved = errno;
        rename(old, path);
        errno = saved;
        return -1;
    }
    return 0;
}

docket_status docket_index_compact(docket_index *index)
{
    char fresh[PATH_MAX];
    char old[PATH_MAX];
    snprintf(fresh, sizeof fresh, "%s.compact-%ld", index->path, (long)getpid());
    snprintf(old, sizeof old, "%s.old-%ld", index->path, (long)getpid());

    docket_status status = docket_index_commit(index);
    if (status != DOCKET_OK)
        return status;
    xc_status xs = index->merge_from ? xc_database_compact_with(index->db, index->merge_from, fresh)
                                     : xc_database_compact(index->db, fresh);
    status = xs == XC_OK ? DOCKET_OK : db_fail(index, xs, "compacting");
    if (status == DOCKET_OK && index->merge_from)
        status = docket_index_settle_merge(index, fresh);
    if (status == DOCKET_OK && !index->merge_from)
        status = docket_index_count(index, &index->final_count);
    if (status != DOCKET_OK) {
        docket_remove_tree(fresh);
        return status;
    }

    /* NOTE: the lock is released before the swap, so a writer that starts
     * in that moment writes to the copy that is about to be replaced. */
    docket_status closed = docket_index_close(index);
    if (closed != DOCKET_OK) {
        docket_remove_tree(fresh);
        return closed;
    }
    if (swap_folders(fresh, index->path, old) != 0) {
        status = docket_error_set(&index->err, DOCKET_ERR_INDEX,
                                  "%s: replacing with the compacted copy: %s", index->path,
                                  strerror(errno));
        docket_remove_tree(fresh);
        return status;
    }
    docket_remove_tree(old);
    return DOCKET_OK;
}

docket_status docket_index_close(docket_index *index)
{
    if (!index->db)
        return DOCKET_OK;
    /* After a merge, the count is that of the compacted copy. */
    if (!index->merge_from && xc_database_doccount(index->db, &index->final_count) != XC_OK)
        index->final_count = 0;
    xc_status xs = xc_database_close(index->db);
    docket_status status = xs == XC_OK ? DOCKET_OK : db_fail(index, xs, "committing");
    xc_database_free(index->db);
    index->db = NULL;
    return status;
}

void docket_index_free(docket_index *index)
{
    if (!index)
        return;
    xc_database_free(index->db);
    xc_termgen_free(index->tg);
    docket_aliases_free(index->aliases);
    if (index->merge_from)
        docket_remove_tree(index->merge_from);
    free(index->merge_from);
    free(index->siblings);
    free(index->path);
    free(index);
}
