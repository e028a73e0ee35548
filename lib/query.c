/* query.c: query string to Xapian query, with docket's fields. */
#include "query.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query_ids.h"
#include "schema.h"
#include "strbuf.h"

/* Wildcards cost memory and time in proportion to the terms they expand
 * to, so a query may hold a few, each expanding to the most frequent
 * terms only. */
#define MAX_WILDCARDS 16
#define MAX_WILDCARD_TERMS 500

#define PARSE_FLAGS (XC_QP_BOOLEAN | XC_QP_PHRASE | XC_QP_LOVEHATE | XC_QP_WILDCARD | \
                     XC_QP_PURE_NOT)

/* `field:value` for a boolean field: the folded value as one term. */
static xc_status field_term(const char *value, void *data, xc_query **out)
{
    const docket_field *field = data;
    char folded[256];
    char term[300];
    bool ok = strcmp(field->name, "spec") == 0
                  ? docket_schema_spec_key(value, folded, sizeof folded)
                  : docket_schema_fold(value, folded, sizeof folded);
    if (!ok)
        return XC_INVALID_ARGUMENT;
    snprintf(term, sizeof term, "%s%s", field->prefix, folded);
    return xc_query_term(term, out);
}

static bool is_date_prefix(const char *s, size_t len)
{
    /* YYYY, YYYY-MM or YYYY-MM-DD */
    static const char shape[] = "dddd-dd-dd";
    if (len != 4 && len != 7 && len != 10)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != '-')
            return false;
    }
    int month = len >= 7 ? (s[5] - '0') * 10 + (s[6] - '0') : 1;
    int day = len == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool docket_query_date_range(const char *value, char *lo, char *hi, size_t size)
{
    const char *dots = strstr(value, "..");
    size_t lo_len = dots ? (size_t)(dots - value) : strlen(value);
    const char *hi_start = dots ? dots + 2 : value;
    size_t hi_len = strlen(hi_start);

    if (size < 12 || (lo_len == 0 && hi_len == 0))
        return false;
    if (lo_len > 0 && !is_date_prefix(value, lo_len))
        return false;
    if (hi_len > 0 && !is_date_prefix(hi_start, hi_len))
        return false;

    /* A partial date covers its whole year or month: "2014" runs from
     * "2014" up to "2014~", which sorts after every "2014-..." value. */
    snprintf(lo, size, "%.*s", (int)lo_len, value);
    if (hi_len > 0)
        snprintf(hi, size, "%.*s~", (int)hi_len, hi_start);
    else
        snprintf(hi, size, "~");
    return true;
}

static xc_status field_date(const char *value, void *data, xc_query **out)
{
    (void)data;
    char lo[16];
    char hi[16];
    if (!docket_query_date_range(value, lo, hi, sizeof lo))
        return XC_INVALID_ARGUMENT;
    return xc_query_value_range(DOCKET_SLOT_DATE, *lo ? lo : NULL, hi, out);
}

/* An identifier typed without a field matches its own term, or its words
 * as a phrase in the text: the records it names and those that mention it. */
static xc_status identifier_query(const char *value, xc_query **out)
{
    char term[256];
    if (docket_query_identifier(value, term, sizeof term) == DOCKET_ID_NONE)
        return XC_INVALID_ARGUMENT;

    xc_queryparser *qp = NULL;
    xc_query *parts[2] = {NULL, NULL};
    char phrase[300];
    snprintf(phrase, sizeof phrase, "\"%s\"", value);
    xc_status xs = xc_query_term(term, &parts[0]);
    if (xs == XC_OK)
        xs = xc_queryparser_new(DOCKET_LANGUAGE, &qp, NULL);
    if (xs == XC_OK)
        xs = xc_queryparser_parse(qp, phrase, XC_QP_PHRASE, &parts[1]);
    if (xs == XC_OK)
        xs = xc_query_combine(XC_OP_OR, parts, 2, out);
    xc_query_free(parts[0]);
    xc_query_free(parts[1]);
    xc_queryparser_free(qp);
    return xs;
}

static xc_status field_identifier(const char *value, void *data, xc_query **out)
{
    (void)data;
    return identifier_query(value, out);
}

/* Weight the matches of `*q` by the identifiers in `ids`. The identifier
 * field is boolean, which keeps the parser's AND, OR and NOT, so without
 * this the record an identifier names would not rank above the records
 * that only mention it. */
static xc_status boost_identifiers(const json_t *ids, xc_query **q)
{
    size_t count = json_array_size(ids);
    xc_query **parts = calloc(count + 1, sizeof *parts);
    if (!parts)
        return XC_NO_MEMORY;
    xc_status xs = XC_OK;
    for (size_t i = 0; i < count && xs == XC_OK; i++)
        xs = identifier_query(json_string_value(json_array_get(ids, i)), &parts[i + 1]);

    xc_query *boost = NULL;
    if (xs == XC_OK)
        xs = xc_query_combine(XC_OP_OR, parts + 1, count, &boost);
    xc_query *pair[2] = {*q, boost};
    xc_query *combined = NULL;
    if (xs == XC_OK)
        xs = xc_query_combine(XC_OP_AND_MAYBE, pair, 2, &combined);
    if (xs == XC_OK) {
        xc_query_free(*q);
        *q = combined;
    }
    xc_query_free(boost);
    for (size_t i = 1; i <= count; i++)
        xc_query_free(parts[i]);
    free(parts);
    return xs;
}

static docket_status parser_fail(xc_queryparser *qp, xc_status xs, docket_error *err)
{
    docket_status status = xs == XC_QUERY_SYNTAX ? DOCKET_ERR_QUERY_SYNTAX
                           : xs == XC_NO_MEMORY  ? DOCKET_ERR_NO_MEMORY
                                                 : DOCKET_ERR_INDEX;
    /* The caller names the query; keep the parser's own words only. */
    static const char marker[] = "QueryParserError: ";
    const char *message = xc_queryparser_error(qp);
    const char *reason = NULL;
    for (const char *at = message; (at = strstr(at, marker)) != NULL; at++)
        reason = at; /* the last one: the query itself may contain the marker */
    return docket_error_set(err, status, "%s", reason ? reason + strlen(marker) : message);
}

static xc_status configure(xc_queryparser *qp, xc_database *db, bool match_any)
{
    xc_status xs = xc_queryparser_set_stemming_strategy(qp, XC_STEM_SOME);
    if (xs == XC_OK)
        xs = xc_queryparser_set_default_op(qp, match_any ? XC_OP_OR : XC_OP_AND);
    if (xs == XC_OK)
        xs = xc_queryparser_set_database(qp, db);
    if (xs == XC_OK)
        xs = xc_queryparser_set_max_wildcard(qp, MAX_WILDCARD_TERMS);
    if (xs == XC_OK)
        xs = xc_queryparser_add_prefix(qp, "title", DOCKET_PREFIX_TITLE);
    for (const docket_field *f = docket_schema_fields; f->name && xs == XC_OK; f++)
        xs = xc_queryparser_add_field(qp, f->name, 1, field_term, (void *)f);
    if (xs == XC_OK)
        xs = xc_queryparser_add_field(qp, "date", 1, field_date, NULL);
    if (xs == XC_OK)
        xs = xc_queryparser_add_field(qp, DOCKET_ID_FIELD, 1, field_identifier, NULL);
    return xs;
}

static bool is_blank(const char *text)
{
    while (isspace((unsigned char)*text))
        text++;
    return *text == '\0';
}

static size_t count_char(const char *text, char c)
{
    size_t count = 0;
    for (; *text; text++)
        count += *text == c;
    return count;
}

docket_status docket_query_parse(xc_database *db, const docket_synonyms *synonyms,
                                 const char *text, bool match_any, xc_query **out,
                                 docket_error *err)
{
    if (count_char(text, '*') > MAX_WILDCARDS)
        return docket_error_set(err, DOCKET_ERR_QUERY_SYNTAX, "too many wildcards (at most %d)",
                                MAX_WILDCARDS);
    if (is_blank(text)) {
        xc_status xs = xc_query_all(out);
        return xs == XC_OK ? DOCKET_OK
                           : docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");
    }

    xc_queryparser *qp = NULL;
    xc_error xerr;
    xc_status xs = xc_queryparser_new(DOCKET_LANGUAGE, &qp, &xerr);
    if (xs != XC_OK)
        return docket_error_set(err, DOCKET_ERR_INDEX, "%s", xerr.message);

    strbuf expanded = STRBUF_INIT;
    strbuf marked = STRBUF_INIT;
    json_t *ids = json_array();
    docket_status status = DOCKET_OK;
    xs = ids ? configure(qp, db, match_any) : XC_NO_MEMORY;
    if (xs == XC_OK && !docket_synonyms_expand(synonyms, text, &expanded))
        xs = XC_NO_MEMORY;
    if (xs == XC_OK && !docket_query_mark_identifiers(strbuf_str(&expanded), &marked, ids))
        xs = XC_NO_MEMORY;
    if (xs == XC_OK)
        xs = xc_queryparser_parse(qp, strbuf_str(&marked), PARSE_FLAGS, out);
    if (xs == XC_OK && json_array_size(ids) > 0 && (xs = boost_identifiers(ids, out)) != XC_OK) {
        xc_query_free(*out);
        *out = NULL;
    }
    if (xs != XC_OK)
        status = parser_fail(qp, xs, err);
    json_decref(ids);
    strbuf_free(&expanded);
    strbuf_free(&marked);
    xc_queryparser_free(qp);
    return status;
}

docket_status docket_query_suggest(xc_database *db, const char *text, char **out,
                                   docket_error *err)
{
    *out = NULL;
    if (is_blank(text))
        return DOCKET_OK;

    xc_queryparser *qp = NULL;
    xc_error xerr;
    xc_status xs = xc_queryparser_new(DOCKET_LANGUAGE, &qp, &xerr);
    if (xs != XC_OK)
        return docket_error_set(err, DOCKET_ERR_INDEX, "%s", xerr.message);

    xc_query *q = NULL;
    const char *corrected = "";
    xs = configure(qp, db, false);
    if (xs == XC_OK)
        xs = xc_queryparser_parse(qp, text, PARSE_FLAGS | XC_QP_SPELLING_CORRECTION, &q);
    if (xs == XC_OK)
        xs = xc_queryparser_corrected(qp, &corrected);
    docket_status status = DOCKET_OK;
    if (xs == XC_OK && *corrected && !(*out = strdup(corrected)))
        status = docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");
    else if (xs != XC_OK)
        status = parser_fail(qp, xs, err);
    xc_query_free(q);
    xc_queryparser_free(qp);
    return status;
}
