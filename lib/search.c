/* search.c: running queries and building the format-version-1 result. */
#include "docket/search.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "query.h"
#include "schema.h"
#include "snippet.h"
#include "utf8.h"
#include "xapian-c.h"

/* A reader that meets a commit in progress reopens and tries again. */
#define OPEN_ATTEMPTS 20
#define OPEN_DELAY_MS 100
#define MAX_FACETS 16
/* A search that fails while docket-index swaps in a compacted copy opens
 * the index again; a damaged index fails every attempt. */
#define SEARCH_ATTEMPTS 5

struct docket_searcher {
    char *path;
    xc_database *db;
    docket_synonyms *synonyms; /* from the index, or NULL */
    bool modified;             /* the last failure may come from a concurrent commit */
    docket_error err;
};

/* One facet being counted. */
typedef struct facet_spy {
    const docket_facet *facet;
    xc_spy *spy;
} facet_spy;

const char *docket_searcher_error(const docket_searcher *searcher)
{
    return searcher->err.message;
}

static docket_status from_xc(xc_status xs)
{
    switch (xs) {
    case XC_OK: return DOCKET_OK;
    case XC_NOT_FOUND: return DOCKET_ERR_INDEX_NOT_FOUND;
    case XC_LOCKED: return DOCKET_ERR_INDEX_BUSY;
    case XC_MODIFIED: return DOCKET_ERR_INDEX_BUSY;
    case XC_CORRUPT: return DOCKET_ERR_INDEX_CORRUPT;
    case XC_NO_MEMORY: return DOCKET_ERR_NO_MEMORY;
    case XC_QUERY_SYNTAX: return DOCKET_ERR_QUERY_SYNTAX;
    case XC_INVALID_ARGUMENT: return DOCKET_ERR_INDEX;
    case XC_NETWORK: return DOCKET_ERR_INDEX;
    case XC_OTHER: return DOCKET_ERR_INDEX;
    }
    return DOCKET_ERR_INDEX;
}

/* Whether a read failure may come from docket-index committing or swapping
 * in a compacted copy while this reader had the index open. */
static bool transient(xc_status xs)
{
    return xs == XC_MODIFIED || xs == XC_CORRUPT || xs == XC_OTHER || xs == XC_NOT_FOUND;
}

static docket_status db_fail(docket_searcher *searcher, xc_status xs, const char *what)
{
    searcher->modified = transient(xs);
    return docket_error_set(&searcher->err, from_xc(xs), "%s: %s: %s", searcher->path, what,
                            xc_database_error(searcher->db));
}

static docket_status check_version(docket_searcher *searcher)
{
    char *version = NULL;
    xc_status xs = xc_database_get_metadata(searcher->db, DOCKET_SCHEMA_KEY, &version);
    if (xs != XC_OK)
        return db_fail(searcher, xs, "reading the schema version");

    docket_status status = DOCKET_OK;
    if (strcmp(version, DOCKET_SCHEMA_VERSION) != 0)
        status = docket_error_set(&searcher->err, DOCKET_ERR_INDEX_VERSION,
                                  "%s: index has schema version '%s', this docket reads "
                                  "version %s; re-run docket-index to rebuild it",
                                  searcher->path, version, DOCKET_SCHEMA_VERSION);
    free(version);
    return status;
}

/* Read the synonyms docket-index stored. docket-index checked them, so a
 * failure here only leaves acronyms unexpanded. */
static void load_synonyms(docket_searcher *searcher)
{
    char *data = NULL;
    if (xc_database_get_metadata(searcher->db, DOCKET_SYNONYMS_KEY, &data) == XC_OK && *data)
        docket_synonyms_parse(searcher->path, data, strlen(data), &searcher->synonyms, NULL);
    free(data);
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Open the index, trying again for a while when a read fails the way a
 * concurrent compaction can make it fail. A missing index fails at once. */
static xc_status open_database(const char *path, xc_database **out, xc_error *err)
{
    xc_status xs = XC_OK;
    for (int attempt = 0; attempt < SEARCH_ATTEMPTS; attempt++) {
        xs = xc_database_open_retry(path, OPEN_ATTEMPTS, OPEN_DELAY_MS, out, err);
        if (xs == XC_OK || xs == XC_NOT_FOUND || !transient(xs))
            return xs;
        sleep_ms(OPEN_DELAY_MS);
    }
    return xs;
}

/* Open the index again from its path after a failed read. */
static docket_status reopen(docket_searcher *searcher)
{
    xc_database *db = NULL;
    xc_error xerr;
    xc_status xs = open_database(searcher->path, &db, &xerr);
    if (xs != XC_OK)
        return docket_error_set(&searcher->err, from_xc(xs), "%s", xerr.message);
    xc_database_free(searcher->db);
    searcher->db = db;
    return DOCKET_OK;
}

docket_status docket_searcher_open(const char *path, docket_searcher **out,
                                   docket_error *err)
{
    docket_searcher *searcher = calloc(1, sizeof *searcher);
    if (!searcher || !(searcher->path = strdup(path))) {
        free(searcher);
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "%s: out of memory", path);
    }

    xc_error xerr;
    xc_status xs = open_database(path, &searcher->db, &xerr);
    docket_status status = DOCKET_OK;
    if (xs == XC_NOT_FOUND)
        status = docket_error_set(err, DOCKET_ERR_INDEX_NOT_FOUND,
                                  "%s: no index found; build one with docket-index", path);
    else if (xs != XC_OK && xs != XC_LOCKED && xs != XC_MODIFIED)
        status = docket_error_set(err, from_xc(xs),
                                  "%.900s; if this persists, rebuild the index with "
                                  "docket-index --full",
                                  xerr.message);
    else if (xs != XC_OK)
        status = docket_error_set(err, from_xc(xs), "%s", xerr.message);
    else if ((status = check_version(searcher)) != DOCKET_OK)
        docket_error_set(err, status, "%s", searcher->err.message);
    else
        load_synonyms(searcher);

    if (status != DOCKET_OK) {
        docket_searcher_free(searcher);
        return status;
    }
    *out = searcher;
    return DOCKET_OK;
}

void docket_searcher_free(docket_searcher *searcher)
{
    if (!searcher)
        return;
    xc_database_free(searcher->db);
    docket_synonyms_free(searcher->synonyms);
    free(searcher->path);
    free(searcher);
}

/* ---- Facets ---------------------------------------------------------- */

/* Create a spy for each facet named in the comma-separated `names`. */
static docket_status make_spies(docket_searcher *searcher, const char *names,
                                facet_spy *spies, size_t *count)
{
    char list[512];
    snprintf(list, sizeof list, "%s", names);
    *count = 0;

    char *save = NULL;
    for (char *name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        while (*name == ' ')
            name++;
        if (!*name)
            continue;
        const docket_facet *facet = docket_schema_facet(name);
        if (!facet)
            return docket_error_set(&searcher->err, DOCKET_ERR_USAGE,
                                    "unknown facet '%s' (known: type, meeting, wg, status, "
                                    "year, body, company, contributor, spec)", name);
        if (*count == MAX_FACETS)
            return docket_error_set(&searcher->err, DOCKET_ERR_USAGE,
                                    "too many facets (at most %d)", MAX_FACETS);
        xc_spy *spy = NULL;
        xc_status xs = facet->list ? xc_spy_list_count(facet->slot, &spy)
                                   : xc_spy_value_count(facet->slot, &spy);
        if (xs != XC_OK)
            return docket_error_set(&searcher->err, DOCKET_ERR_NO_MEMORY, "out of memory");
        spies[*count].facet = facet;
        spies[*count].spy = spy;
        (*count)++;
    }
    return DOCKET_OK;
}

static int add_count(const char *value, size_t len, unsigned count, void *data)
{
    json_t *entry = json_pack("{s:s%,s:i}", "value", value, len, "count", (json_int_t)count);
    return !entry || json_array_append_new(data, entry) != 0;
}

static docket_status facets_json(const facet_spy *spies, size_t count, unsigned limit,
                                 json_t **out)
{
    json_t *facets = json_object();
    for (size_t i = 0; facets && i < count; i++) {
        json_t *values = json_array();
        if (!values || json_object_set_new(facets, spies[i].facet->name, values) != 0 ||
            xc_spy_each(spies[i].spy, limit, add_count, values) != XC_OK) {
            json_decref(facets);
            return DOCKET_ERR_NO_MEMORY;
        }
    }
    if (!facets)
        return DOCKET_ERR_NO_MEMORY;
    *out = facets;
    return DOCKET_OK;
}

/* ---- Results --------------------------------------------------------- */

/* With --collapse: how many more records the result stands for, and the
 * latest status of its contribution (the final status of a revision chain). */
static docket_status add_collapse_fields(xc_mset *mset, unsigned i, json_t *result)
{
    unsigned collapsed = 0;
    xc_mset_collapse_count(mset, i, &collapsed);
    const char *latest = docket_record_get(result, "chain_status");
    if (!latest)
        latest = docket_record_get(result, "status");
    if (json_object_set_new(result, "collapsed", json_integer(collapsed)) != 0)
        return DOCKET_ERR_NO_MEMORY;
    if (latest && json_object_set_new(result, "latest_status", json_string(latest)) != 0)
        return DOCKET_ERR_NO_MEMORY;
    return DOCKET_OK;
}

/* Build result `i` of `mset`: the stored record plus rank, score, snippet. */
static docket_status result_json(docket_searcher *searcher, xc_mset *mset, unsigned i,
                                 bool collapse, json_t **out)
{
    xc_document *doc = NULL;
    unsigned rank = 0;
    double weight = 0;
    xc_status xs = xc_mset_document(mset, i, &doc);
    if (xs == XC_OK)
        xs = xc_mset_rank(mset, i, &rank);
    if (xs == XC_OK)
        xs = xc_mset_weight(mset, i, &weight);
    const char *data = NULL;
    size_t len = 0;
    if (xs == XC_OK)
        xs = xc_document_get_data(doc, &data, &len);
    if (xs != XC_OK) {
        xc_document_free(doc);
        return db_fail(searcher, xs, "reading a result");
    }

    json_error_t jerr;
    json_t *record = json_loadb(data, len, 0, &jerr);
    xc_document_free(doc);
    if (!record)
        return docket_error_set(&searcher->err, DOCKET_ERR_INDEX_CORRUPT,
                                "%s: a stored record is not valid JSON: %s", searcher->path,
                                jerr.text);

    json_t *result = json_pack("{s:i,s:f}", "rank", (json_int_t)rank + 1, "score", weight);
    docket_status status = result ? DOCKET_OK : DOCKET_ERR_NO_MEMORY;
    if (status == DOCKET_OK && json_object_update_missing(result, record) != 0)
        status = DOCKET_ERR_NO_MEMORY;
    if (status == DOCKET_OK)
        status = docket_snippet_set(mset, docket_record_get(record, "text"), result);
    if (status == DOCKET_OK && collapse)
        status = add_collapse_fields(mset, i, result);
    json_object_del(result, "text");
    json_decref(record);
    if (status != DOCKET_OK) {
        json_decref(result);
        return docket_error_set(&searcher->err, status, "%s: building a result: %s",
                                searcher->path, docket_status_text(status));
    }
    *out = result;
    return DOCKET_OK;
}

static docket_status results_json(docket_searcher *searcher, xc_mset *mset, bool collapse,
                                  json_t **out)
{
    json_t *results = json_array();
    if (!results)
        return DOCKET_ERR_NO_MEMORY;
    for (unsigned i = 0; i < xc_mset_size(mset); i++) {
        json_t *result = NULL;
        docket_status status = result_json(searcher, mset, i, collapse, &result);
        if (status == DOCKET_OK && json_array_append_new(results, result) != 0)
            status = DOCKET_ERR_NO_MEMORY;
        if (status != DOCKET_OK) {
            json_decref(results);
            return status;
        }
    }
    *out = results;
    return DOCKET_OK;
}

/* ---- Running a query ------------------------------------------------- */

static xc_status configure_enquire(xc_enquire *enq, const docket_query *query,
                                   const facet_spy *spies, size_t count)
{
    xc_status xs = XC_OK;
    if (query->sort == DOCKET_SORT_DATE)
        xs = xc_enquire_set_sort(enq, DOCKET_SLOT_DATE_ASCENDING, 0);
    else if (query->sort == DOCKET_SORT_DATE_DESC)
        xs = xc_enquire_set_sort(enq, DOCKET_SLOT_DATE, 1);
    if (xs == XC_OK && query->collapse)
        xs = xc_enquire_set_collapse_key(enq, DOCKET_SLOT_CHAIN);
    for (size_t i = 0; i < count && xs == XC_OK; i++)
        xs = xc_enquire_add_spy(enq, spies[i].spy);
    return xs;
}

/* Fetch the match set: every document is checked, so that totals and
 * facet counts are exact over the whole match set. */
static docket_status fetch(docket_searcher *searcher, const docket_query *query,
                           xc_query *q, const facet_spy *spies, size_t count,
                           xc_mset **out)
{
    unsigned doccount = 0;
    xc_status xs = xc_database_doccount(searcher->db, &doccount);
    xc_enquire *enq = NULL;
    xc_error xerr;
    if (xs == XC_OK)
        xs = xc_enquire_new(searcher->db, &enq, &xerr);
    if (xs == XC_OK)
        xs = xc_enquire_set_query(enq, q);
    if (xs == XC_OK)
        xs = configure_enquire(enq, query, spies, count);
    if (xs == XC_OK)
        xs = xc_enquire_get_mset(enq, query->offset, query->limit, doccount, out);

    docket_status status = DOCKET_OK;
    searcher->modified = transient(xs);
    if (xs != XC_OK)
        status = docket_error_set(&searcher->err, from_xc(xs), "%s: searching: %s",
                                  searcher->path, enq ? xc_enquire_error(enq) : xerr.message);
    xc_enquire_free(enq);
    return status;
}

/* Add "suggestion", the query with misspelt words corrected, to the result
 * of a query that found nothing. */
static docket_status add_suggestion(docket_searcher *searcher, const docket_query *query,
                                    json_t *result)
{
    char *suggestion = NULL;
    docket_status status = docket_query_suggest(searcher->db, query->text, &suggestion,
                                                &searcher->err);
    if (status == DOCKET_OK && suggestion &&
        json_object_set_new(result, "suggestion", json_string(suggestion)) != 0)
        status = DOCKET_ERR_NO_MEMORY;
    free(suggestion);
    return status;
}

static docket_status assemble(docket_searcher *searcher, const docket_query *query,
                              xc_mset *mset, const facet_spy *spies, size_t count,
                              json_t **out)
{
    json_t *results = NULL;
    json_t *facets = NULL;
    docket_status status = results_json(searcher, mset, query->collapse, &results);
    if (status == DOCKET_OK)
        status = facets_json(spies, count, query->facet_limit, &facets);
    if (status != DOCKET_OK) {
        json_decref(results);
        return status;
    }
    unsigned total = xc_mset_matches_estimated(mset);
    *out = json_pack("{s:i,s:s,s:i,s:i,s:i,s:o,s:o}", "format_version",
                     (json_int_t)DOCKET_FORMAT_VERSION, "query", query->text, "total",
                     (json_int_t)total, "offset", (json_int_t)query->offset, "limit",
                     (json_int_t)query->limit, "results", results, "facets", facets);
    if (!*out)
        return DOCKET_ERR_NO_MEMORY;
    return total == 0 ? add_suggestion(searcher, query, *out) : DOCKET_OK;
}

static docket_status search_once(docket_searcher *searcher, const docket_query *query,
                                 json_t **out)
{
    facet_spy spies[MAX_FACETS];
    size_t count = 0;
    xc_query *q = NULL;
    xc_mset *mset = NULL;

    docket_status status = docket_query_parse(searcher->db, searcher->synonyms, query->text,
                                              query->match_any, &q, &searcher->err);
    if (status == DOCKET_OK)
        status = make_spies(searcher, query->facets ? query->facets : DOCKET_DEFAULT_FACETS,
                            spies, &count);
    if (status == DOCKET_OK)
        status = fetch(searcher, query, q, spies, count, &mset);
    if (status == DOCKET_OK)
        status = assemble(searcher, query, mset, spies, count, out);

    xc_mset_free(mset);
    xc_query_free(q);
    for (size_t i = 0; i < count; i++)
        xc_spy_free(spies[i].spy);
    return status;
}

docket_status docket_search(docket_searcher *searcher, const docket_query *query,
                            json_t **out)
{
    /* The query is echoed in the JSON output, which must be valid UTF-8. */
    char *text = NULL;
    size_t len = 0;
    if (docket_utf8_sanitize(query->text, strlen(query->text), &text, &len) != DOCKET_OK)
        return docket_error_set(&searcher->err, DOCKET_ERR_NO_MEMORY, "out of memory");
    docket_query clean = *query;
    clean.text = text;

    /* A commit by docket-index can invalidate what a reader is reading;
     * the reader then moves to the new committed state and starts again. */
    docket_status status = DOCKET_OK;
    for (int attempt = 0; attempt < SEARCH_ATTEMPTS; attempt++) {
        searcher->modified = false;
        status = search_once(searcher, &clean, out);
        if (status == DOCKET_OK || !searcher->modified || attempt + 1 == SEARCH_ATTEMPTS)
            break;
        sleep_ms(OPEN_DELAY_MS);
        if (reopen(searcher) != DOCKET_OK)
            break;
    }
    free(text);
    return status;
}

docket_status docket_search_record(docket_searcher *searcher, const char *id, json_t **out)
{
    char term[1100];
    snprintf(term, sizeof term, "%s%s", DOCKET_PREFIX_ID, id);

    xc_docid docid;
    xc_status xs = xc_database_find_by_term(searcher->db, term, &docid);
    char folded[256];
    if (xs == XC_NOT_FOUND && docket_schema_fold(id, folded, sizeof folded)) {
        /* A contribution number stands for the first record that has it. */
        snprintf(term, sizeof term, "XDOC%s", folded);
        xs = xc_database_find_by_term(searcher->db, term, &docid);
    }
    if (xs == XC_NOT_FOUND)
        return docket_error_set(&searcher->err, DOCKET_ERR_USAGE,
                                "%s: no record with id or number '%s'", searcher->path, id);
    xc_document *doc = NULL;
    if (xs == XC_OK)
        xs = xc_database_get_document(searcher->db, docid, &doc);
    const char *data = NULL;
    size_t len = 0;
    if (xs == XC_OK)
        xs = xc_document_get_data(doc, &data, &len);
    if (xs != XC_OK) {
        xc_document_free(doc);
        return db_fail(searcher, xs, "reading a record");
    }
    json_error_t jerr;
    *out = json_loadb(data, len, 0, &jerr);
    xc_document_free(doc);
    if (!*out)
        return docket_error_set(&searcher->err, DOCKET_ERR_INDEX_CORRUPT,
                                "%s: record '%s' is not valid JSON: %s", searcher->path, id,
                                jerr.text);
    return DOCKET_OK;
}
