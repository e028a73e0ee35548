/* api.c: the JSON endpoints of docket-serve, /api/search and /api/record/ID. */
#include "api.h"

#include <string.h>

#include "cli/options.h"
#include "docket/search.h"
#include "log.h"
#include "text.h"

/* Seconds a client should wait before retrying (Retry-After). */
#define RETRY_BUSY_SECONDS 1
#define RETRY_NO_INDEX_SECONDS 10

/* Parse one parameter value into `query`; false when it is invalid. */
typedef bool (*param_parser)(const char *value, docket_query *query);

typedef struct param_rule {
    const char *name;
    param_parser parse;
    const char *expected; /* what a valid value is, for the error message */
} param_rule;

static bool parse_text(const char *value, docket_query *query)
{
    query->text = value;
    return true;
}

static bool parse_facets(const char *value, docket_query *query)
{
    query->facets = value;
    return strlen(value) < API_MAX_FACETS_BYTES;
}

static bool parse_limit(const char *value, docket_query *query)
{
    return options_parse_unsigned(value, API_MAX_LIMIT, &query->limit);
}

static bool parse_offset(const char *value, docket_query *query)
{
    return options_parse_unsigned(value, API_MAX_OFFSET, &query->offset);
}

static bool parse_facet_limit(const char *value, docket_query *query)
{
    return options_parse_unsigned(value, API_MAX_LIMIT, &query->facet_limit);
}

static bool parse_flag(const char *value, bool *out)
{
    if (strcmp(value, "0") != 0 && strcmp(value, "1") != 0)
        return false;
    *out = value[0] == '1';
    return true;
}

static bool parse_collapse(const char *value, docket_query *query)
{
    return parse_flag(value, &query->collapse);
}

static bool parse_or(const char *value, docket_query *query)
{
    return parse_flag(value, &query->match_any);
}

static bool parse_sort(const char *value, docket_query *query)
{
    static const char *const names[] = {"relevance", "date", "-date"};
    static const docket_sort sorts[] = {DOCKET_SORT_RELEVANCE, DOCKET_SORT_DATE,
                                        DOCKET_SORT_DATE_DESC};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(value, names[i]) == 0) {
            query->sort = sorts[i];
            return true;
        }
    }
    return false;
}

static const param_rule search_rules[] = {
    {"q", parse_text, "a query"},
    {"facets", parse_facets, "a comma-separated list of at most 511 bytes"},
    {"limit", parse_limit, "a number from 0 to 10000"},
    {"offset", parse_offset, "a number from 0 to 1000000000"},
    {"sort", parse_sort, "relevance, date or -date"},
    {"facet_limit", parse_facet_limit, "a number from 0 to 10000"},
    {"collapse", parse_collapse, "0 or 1"},
    {"or", parse_or, "0 or 1"},
};

static const param_rule *find_rule(const char *name)
{
    for (size_t i = 0; i < sizeof search_rules / sizeof search_rules[0]; i++) {
        if (strcmp(search_rules[i].name, name) == 0)
            return &search_rules[i];
    }
    return NULL;
}

/* Apply every parameter to `query`; on the first invalid one, fill `out`
 * with a 400 error and return false. */
static bool apply_params(const url_params *params, docket_query *query, reply *out)
{
    char quoted[3 * TEXT_QUOTE_MAX + 4];
    for (size_t i = 0; i < params->count; i++) {
        const url_param *param = &params->items[i];
        text_quote(param->name, TEXT_QUOTE_MAX, quoted, sizeof quoted);
        const param_rule *rule = find_rule(param->name);
        if (!rule) {
            reply_error(out, 400, "unknown parameter: %s; known: q, facets, limit, offset, "
                        "sort, facet_limit, collapse, or", quoted);
            return false;
        }
        if (url_param_value(params, param->name) != param->value) {
            reply_error(out, 400, "parameter given twice: %s", quoted);
            return false;
        }
        if (!rule->parse(param->value, query)) {
            char value[3 * TEXT_QUOTE_MAX + 4];
            text_quote(param->value, TEXT_QUOTE_MAX, value, sizeof value);
            reply_error(out, 400, "invalid %s: %s: expected %s", quoted, value, rule->expected);
            return false;
        }
    }
    return true;
}

/* Fill `out` with the error for a failed call of the library. Only
 * messages about the request itself reach the client; the others name
 * files of the server and go to the log. */
static void reply_failure(reply *out, docket_status status, const char *detail,
                          const char *query_text)
{
    char quoted[3 * TEXT_QUOTE_MAX + 4];
    switch (status) {
    case DOCKET_ERR_QUERY_SYNTAX:
        text_quote(query_text ? query_text : "", TEXT_QUOTE_MAX, quoted, sizeof quoted);
        reply_error(out, 400, "invalid query: %s: %s", quoted, detail);
        return;
    case DOCKET_ERR_USAGE:
        reply_error(out, 400, "%s", detail);
        return;
    case DOCKET_ERR_INDEX_NOT_FOUND:
        LOG_LOCKED(msg_error("%s", detail));
        reply_error(out, 503, "no index yet: build one with docket-index");
        out->retry_after = RETRY_NO_INDEX_SECONDS;
        return;
    case DOCKET_ERR_INDEX_BUSY:
        LOG_LOCKED(msg_error("%s", detail));
        reply_error(out, 503, "index busy: docket-index is changing it; try again");
        out->retry_after = RETRY_BUSY_SECONDS;
        return;
    case DOCKET_ERR_INDEX_VERSION:
        LOG_LOCKED(msg_error("%s", detail));
        reply_error(out, 500, "the index has another schema version: re-run docket-index "
                    "to rebuild it");
        return;
    case DOCKET_OK:
    case DOCKET_ERR_NO_MEMORY:
    case DOCKET_ERR_IO:
    case DOCKET_ERR_UNSUPPORTED:
    case DOCKET_ERR_INVALID_INPUT:
    case DOCKET_ERR_TOO_LARGE:
    case DOCKET_ERR_INDEX_CORRUPT:
    case DOCKET_ERR_INDEX:
        LOG_LOCKED(msg_error("%s", detail));
        reply_error(out, 500, "reading the index failed: %s; the server log has the details",
                    docket_status_text(status));
        return;
    }
}

static void log_skipped_shard(const char *path, const char *reason, void *data)
{
    (void)data;
    LOG_LOCKED(msg_warning("shard left out of the search: %s: %s", path, reason));
}

/* Open the index for one request, so that each request sees the last
 * commit of docket-index. */
static docket_searcher *open_index(const api_index *index, reply *out)
{
    docket_open_options options = index->options;
    options.on_skip = log_skipped_shard;
    docket_searcher *searcher = NULL;
    docket_error err;
    docket_status status = docket_searcher_open_shards(index->paths, index->count, &options,
                                                       &searcher, &err);
    if (status != DOCKET_OK) {
        reply_failure(out, status, err.message, NULL);
        return NULL;
    }
    return searcher;
}

void api_search(const api_index *index, const url_params *params, reply *out)
{
    docket_query query = {.limit = API_DEFAULT_LIMIT};
    if (!apply_params(params, &query, out))
        return;
    if (!query.text) {
        reply_error(out, 400, "missing parameter q: give q=QUERY; an empty q lists every record");
        return;
    }
    if (strlen(query.text) >= API_MAX_QUERY_BYTES) {
        reply_error(out, 400, "query too long: at most %d bytes", API_MAX_QUERY_BYTES - 1);
        return;
    }

    docket_searcher *searcher = open_index(index, out);
    if (!searcher)
        return;
    json_t *result = NULL;
    docket_status status = docket_search(searcher, &query, &result);
    if (status == DOCKET_OK)
        reply_json(out, 200, result);
    else
        reply_failure(out, status, docket_searcher_error(searcher), query.text);
    json_decref(result);
    docket_searcher_free(searcher);
}

void api_record(const api_index *index, const char *id, reply *out)
{
    char quoted[3 * TEXT_QUOTE_MAX + 4];
    text_quote(id, TEXT_QUOTE_MAX, quoted, sizeof quoted);
    if (strlen(id) > API_MAX_ID_BYTES) {
        reply_error(out, 400, "invalid id: %s: longer than %d bytes", quoted, API_MAX_ID_BYTES);
        return;
    }

    docket_searcher *searcher = open_index(index, out);
    if (!searcher)
        return;
    json_t *record = NULL;
    docket_status status = docket_search_record(searcher, id, &record);
    if (status == DOCKET_OK)
        reply_json(out, 200, record);
    else if (status == DOCKET_ERR_USAGE)
        reply_error(out, 404, "no record with id or number '%s'", quoted);
    else
        reply_failure(out, status, docket_searcher_error(searcher), NULL);
    json_decref(record);
    docket_searcher_free(searcher);
}
