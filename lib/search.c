/* search.c: running queries and building the format-version-1 result. */
#include "docket/search.h"

#include <stdlib.h>
#include <string.h>

#include "facets.h"
#include "query.h"
#include "schema.h"
#include "searcher.h"
#include "snippet.h"
#include "stored.h"
#include "utf8.h"
#include "xapian-c.h"

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

/* Build result `i` of `mset`: the stored record plus rank, score, snippet.
 * `highlight` is whether the query has words the snippet can highlight. */
static docket_status result_json(docket_searcher *searcher, xc_mset *mset, unsigned i,
                                 bool collapse, bool highlight, json_t **out)
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
        return docket_searcher_fail(searcher, xs, "reading a result");
    }

    json_error_t jerr;
    json_t *record = NULL;
    char *text = NULL;
    docket_status status = docket_stored_parse(data, len, &record, &text, &jerr);
    xc_document_free(doc);
    if (status == DOCKET_ERR_INDEX_CORRUPT)
        return docket_error_set(&searcher->err, status,
                                "%s: a stored record is not valid: %s", searcher->label,
                                jerr.text);
    if (status != DOCKET_OK)
        return docket_error_set(&searcher->err, status, "%s: reading a result: %s",
                                searcher->label, docket_status_text(status));

    json_t *result = json_pack("{s:i,s:f}", "rank", (json_int_t)rank + 1, "score", weight);
    if (!result)
        status = DOCKET_ERR_NO_MEMORY;
    if (status == DOCKET_OK && json_object_update_missing(result, record) != 0)
        status = DOCKET_ERR_NO_MEMORY;
    if (status == DOCKET_OK)
        status = docket_snippet_set(mset, text, highlight, result);
    if (status == DOCKET_OK && collapse)
        status = add_collapse_fields(mset, i, result);
    json_object_del(result, "text");
    json_decref(record);
    free(text);
    if (status != DOCKET_OK) {
        json_decref(result);
        return docket_error_set(&searcher->err, status, "%s: building a result: %s",
                                searcher->label, docket_status_text(status));
    }
    *out = result;
    return DOCKET_OK;
}

static docket_status results_json(docket_searcher *searcher, xc_mset *mset, bool collapse,
                                  bool highlight, json_t **out)
{
    json_t *results = json_array();
    if (!results)
        return DOCKET_ERR_NO_MEMORY;
    for (unsigned i = 0; i < xc_mset_size(mset); i++) {
        json_t *result = NULL;
        docket_status status = result_json(searcher, mset, i, collapse, highlight, &result);
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

/* What one match over the index does: rank the requested page of results,
 * count the whole match set for the total and the facets, or both. */
typedef enum match_kind { MATCH_RANK, MATCH_COUNT, MATCH_RANK_AND_COUNT } match_kind;

static xc_status configure_enquire(xc_enquire *enq, const docket_query *query,
                                   docket_facets *facets, match_kind kind)
{
    xc_status xs = XC_OK;
    if (kind == MATCH_COUNT)
        xs = xc_enquire_set_boolean_weight(enq);
    else if (query->sort == DOCKET_SORT_DATE)
        xs = xc_enquire_set_sort(enq, DOCKET_SLOT_DATE_ASCENDING, 0);
    else if (query->sort == DOCKET_SORT_DATE_DESC)
        xs = xc_enquire_set_sort(enq, DOCKET_SLOT_DATE, 1);
    if (xs == XC_OK && kind != MATCH_COUNT && query->collapse)
        xs = xc_enquire_set_collapse_key(enq, DOCKET_SLOT_CHAIN);
    if (xs == XC_OK && kind != MATCH_RANK)
        xs = docket_facets_attach(facets, enq);
    return xs;
}

/* Run one match of `q`. Counting checks every document, so that totals and
 * facet counts are exact over the whole match set. */
static docket_status run_match(docket_searcher *searcher, const docket_query *query,
                               xc_query *q, docket_facets *facets, match_kind kind,
                               xc_mset **out)
{
    unsigned doccount = 0;
    xc_status xs = xc_database_doccount(searcher->db, &doccount);
    unsigned first = kind == MATCH_COUNT ? 0 : query->offset;
    unsigned max = kind == MATCH_COUNT ? 0 : query->limit;
    unsigned check_at_least = kind == MATCH_RANK ? 0 : doccount;
    xc_enquire *enq = NULL;
    xc_error xerr;
    if (xs == XC_OK)
        xs = xc_enquire_new(searcher->db, &enq, &xerr);
    if (xs == XC_OK)
        xs = xc_enquire_set_query(enq, q);
    if (xs == XC_OK)
        xs = configure_enquire(enq, query, facets, kind);
    if (xs == XC_OK)
        xs = xc_enquire_get_mset(enq, first, max, check_at_least, out);

    docket_status status = DOCKET_OK;
    searcher->modified = docket_transient(xs);
    if (xs != XC_OK)
        status = docket_error_set(&searcher->err, docket_status_from_xc(xs), "%s: searching: %s",
                                  searcher->label, enq ? xc_enquire_error(enq) : xerr.message);
    xc_enquire_free(enq);
    return status;
}

/* Fetch the page of results and the exact number of matches. Ranking
 * every match costs Xapian a heap update per document, so the page comes
 * from a ranked match that checks no more documents than it needs, and the
 * total and facet counts from an unranked match over every document. The
 * second match is skipped when there are no facets and the first one gives
 * the exact total.
 *
 * Two searches do both in one match. Phrases and date ranges cost more to
 * match twice than the ranking saves. A collapsed search counts
 * contributions, not records, in its total, which only a ranked match over
 * every document gives. */
static docket_status fetch(docket_searcher *searcher, const docket_query *query,
                           xc_query *q, docket_facets *facets, xc_mset **page,
                           unsigned *total)
{
    int checks = 1;
    xc_query_has_checks(q, &checks);
    if (query->collapse || checks) {
        docket_status status = run_match(searcher, query, q, facets, MATCH_RANK_AND_COUNT, page);
        if (status == DOCKET_OK)
            *total = xc_mset_matches_estimated(*page);
        return status;
    }

    docket_status status = run_match(searcher, query, q, facets, MATCH_RANK, page);
    if (status != DOCKET_OK)
        return status;
    if (docket_facets_count(facets) == 0 && xc_mset_matches_exact(*page)) {
        *total = xc_mset_matches_estimated(*page);
        return DOCKET_OK;
    }
    xc_mset *counted = NULL;
    status = run_match(searcher, query, q, facets, MATCH_COUNT, &counted);
    if (status == DOCKET_OK)
        *total = xc_mset_matches_estimated(counted);
    xc_mset_free(counted);
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
                              const xc_query *q, xc_mset *mset, unsigned total,
                              docket_facets *facets, json_t **out)
{
    /* Xapian's snippet looks for the query's words in each result's text.
     * A query of boolean filters has none, so its snippets are the start of
     * the text. Should the check fail, the snippets are Xapian's. */
    int highlight = 1;
    xc_query_matches_text(q, &highlight);

    json_t *results = NULL;
    json_t *counts = NULL;
    docket_status status = results_json(searcher, mset, query->collapse, highlight != 0,
                                        &results);
    if (status == DOCKET_OK)
        status = docket_facets_json(facets, query->facet_limit, &counts);
    if (status != DOCKET_OK) {
        json_decref(results);
        return status;
    }
    *out = json_pack("{s:i,s:s,s:i,s:i,s:i,s:o,s:o}", "format_version",
                     (json_int_t)DOCKET_FORMAT_VERSION, "query", query->text, "total",
                     (json_int_t)total, "offset", (json_int_t)query->offset, "limit",
                     (json_int_t)query->limit, "results", results, "facets", counts);
    if (!*out)
        return DOCKET_ERR_NO_MEMORY;
    /* A suggestion is optional, so the result is returned without one when
     * none can be made. */
    if (total == 0)
        add_suggestion(searcher, query, *out);
    return DOCKET_OK;
}

static docket_status search_once(docket_searcher *searcher, const docket_query *query,
                                 json_t **out)
{
    docket_facets *facets = NULL;
    xc_query *q = NULL;
    xc_mset *mset = NULL;
    unsigned total = 0;

    docket_status status = docket_query_parse(searcher->db, searcher->synonyms, query->text,
                                              query->match_any, &q, &searcher->err);
    if (status == DOCKET_OK)
        status = docket_facets_new(searcher->db,
                                   query->facets ? query->facets : DOCKET_DEFAULT_FACETS,
                                   searcher->remote, &facets, &searcher->err);
    if (status == DOCKET_OK)
        status = fetch(searcher, query, q, facets, &mset, &total);
    if (status == DOCKET_OK)
        status = assemble(searcher, query, q, mset, total, facets, out);

    xc_mset_free(mset);
    xc_query_free(q);
    docket_facets_free(facets);
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
        docket_sleep_ms(SEARCH_RETRY_MS);
        if (docket_searcher_reopen(searcher) != DOCKET_OK)
            break;
    }
    free(text);
    return status;
}

docket_status docket_search_record(docket_searcher *searcher, const char *id, json_t **out)
{
    char term[1100];
    if (strlen(id) > 1000)
        return docket_error_set(&searcher->err, DOCKET_ERR_USAGE,
                                "invalid record id: longer than 1000 bytes");
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
                                "%s: no record with id or number '%s'", searcher->label, id);
    xc_document *doc = NULL;
    if (xs == XC_OK)
        xs = xc_database_get_document(searcher->db, docid, &doc);
    const char *data = NULL;
    size_t len = 0;
    if (xs == XC_OK)
        xs = xc_document_get_data(doc, &data, &len);
    if (xs != XC_OK) {
        xc_document_free(doc);
        return docket_searcher_fail(searcher, xs, "reading a record");
    }
    json_error_t jerr;
    char *text = NULL;
    docket_status status = docket_stored_parse(data, len, out, &text, &jerr);
    xc_document_free(doc);
    if (status == DOCKET_OK && *text &&
        json_object_set_new(*out, "text", json_string(text)) != 0)
        status = DOCKET_ERR_NO_MEMORY;
    free(text);
    if (status == DOCKET_ERR_INDEX_CORRUPT)
        return docket_error_set(&searcher->err, status, "%s: record '%s' is not valid: %s",
                                searcher->label, id, jerr.text);
    if (status != DOCKET_OK) {
        json_decref(*out);
        *out = NULL;
        return docket_error_set(&searcher->err, status, "%s: reading record '%s': %s",
                                searcher->label, id, docket_status_text(status));
    }
    return DOCKET_OK;
}
