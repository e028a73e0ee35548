/* facets.c: exact facet counts over the whole match set. */
#include "facets.h"

#include <stdlib.h>
#include <string.h>

#include "schema.h"

#define MAX_FACETS 16

typedef struct counter {
    const docket_facet *facet;
    xc_spy *spies[DOCKET_SPREAD_SLOTS]; /* none, one, or one per spread slot */
    size_t count;
    size_t field; /* without spies: its field of docket_facets.packed */
} counter;

struct docket_facets {
    counter counters[MAX_FACETS];
    size_t count;
    xc_spy *packed; /* reads DOCKET_SLOT_FACETS for the counters without spies */
};

void docket_facets_free(docket_facets *facets)
{
    if (!facets)
        return;
    for (size_t i = 0; i < facets->count; i++) {
        for (size_t j = 0; j < facets->counters[i].count; j++)
            xc_spy_free(facets->counters[i].spies[j]);
    }
    xc_spy_free(facets->packed);
    free(facets);
}

/* Whether every record has the packed facet values: an index written
 * before DOCKET_SLOT_FACETS existed is counted slot by slot. */
static bool every_record_packed(xc_database *db)
{
    unsigned records = 0;
    unsigned packed = 0;
    return xc_database_doccount(db, &records) == XC_OK && records > 0 &&
           xc_database_value_freq(db, DOCKET_SLOT_FACETS, &packed) == XC_OK &&
           packed == records;
}

/* Count single-valued `facet` as a field of the one spy that reads the
 * packed values. */
static xc_status add_packed_field(docket_facets *facets, xc_database *db,
                                  const docket_facet *facet, counter *out)
{
    xc_status xs = XC_OK;
    if (!facets->packed)
        xs = xc_spy_packed_count(db, DOCKET_SLOT_FACETS, &facets->packed);
    if (xs == XC_OK)
        xs = xc_spy_add_field(facets->packed, (size_t)docket_schema_packed_field(facet), 0,
                              &out->field);
    return xs;
}

static xc_status make_counter(docket_facets *facets, xc_database *db, const docket_facet *facet,
                              bool spread, bool packed, counter *out)
{
    out->facet = facet;
    out->count = 0;
    if (packed && !facet->list)
        return add_packed_field(facets, db, facet, out);
    if (!spread)
        return xc_spy_facet_count(db, facet->slot, facet->list, &out->spies[out->count++]);
    if (!facet->list)
        return xc_spy_value_count(facet->slot, &out->spies[out->count++]);

    xc_slot first = docket_schema_spread_slot(facet->slot);
    for (size_t i = 0; i < DOCKET_SPREAD_SLOTS; i++) {
        xc_status xs = xc_spy_value_count(first + (xc_slot)i, &out->spies[out->count]);
        if (xs != XC_OK)
            return xs;
        out->count++;
    }
    return XC_OK;
}

static docket_status add_facet(docket_facets *facets, xc_database *db, const char *name,
                               bool spread, bool packed, docket_error *err)
{
    const docket_facet *facet = docket_schema_facet(name);
    if (!facet)
        return docket_error_set(err, DOCKET_ERR_USAGE,
                                "unknown facet '%s' (known: type, meeting, wg, status, year, "
                                "body, company, contributor, spec)",
                                name);
    if (facets->count == MAX_FACETS)
        return docket_error_set(err, DOCKET_ERR_USAGE, "too many facets (at most %d)",
                                MAX_FACETS);
    counter *c = &facets->counters[facets->count++];
    if (make_counter(facets, db, facet, spread, packed, c) != XC_OK)
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");
    return DOCKET_OK;
}

docket_status docket_facets_new(xc_database *db, const char *names, bool spread,
                                docket_facets **out, docket_error *err)
{
    docket_facets *facets = calloc(1, sizeof *facets);
    if (!facets)
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");

    char list[512];
    if (strlen(names) >= sizeof list) {
        free(facets);
        return docket_error_set(err, DOCKET_ERR_USAGE, "facet list too long (at most %zu bytes)",
                                sizeof list - 1);
    }
    snprintf(list, sizeof list, "%s", names);
    bool packed = !spread && every_record_packed(db);
    docket_status status = DOCKET_OK;
    char *save = NULL;
    for (char *name = strtok_r(list, ",", &save); name && status == DOCKET_OK;
         name = strtok_r(NULL, ",", &save)) {
        while (*name == ' ')
            name++;
        if (*name)
            status = add_facet(facets, db, name, spread, packed, err);
    }
    if (status != DOCKET_OK) {
        docket_facets_free(facets);
        return status;
    }
    *out = facets;
    return DOCKET_OK;
}

size_t docket_facets_count(const docket_facets *facets)
{
    return facets->count;
}

xc_status docket_facets_attach(docket_facets *facets, xc_enquire *enq)
{
    xc_status xs = XC_OK;
    if (facets->packed)
        xs = xc_enquire_add_spy(enq, facets->packed);
    for (size_t i = 0; i < facets->count; i++) {
        for (size_t j = 0; j < facets->counters[i].count && xs == XC_OK; j++)
            xs = xc_enquire_add_spy(enq, facets->counters[i].spies[j]);
    }
    return xs;
}

/* ---- Counts to JSON --------------------------------------------------- */

/* Add `count` to the total of `value` in the JSON object `data`. */
static int add_count(const char *value, size_t len, unsigned count, void *data)
{
    char *key = strndup(value, len);
    if (!key)
        return 1;
    json_t *total = json_object_get(data, key);
    int failed = total ? json_integer_set(total, json_integer_value(total) + count)
                       : json_object_set_new(data, key, json_integer(count));
    free(key);
    return failed != 0;
}

typedef struct entry {
    const char *value;
    json_int_t count;
} entry;

static int by_count_then_value(const void *a, const void *b)
{
    const entry *x = a;
    const entry *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->value, y->value);
}

/* Turn {"value": count} into the sorted, capped array of the output. */
static json_t *sorted_counts(json_t *totals, unsigned limit)
{
    size_t n = json_object_size(totals);
    entry *entries = calloc(n ? n : 1, sizeof *entries);
    json_t *values = json_array();
    if (!entries || !values) {
        free(entries);
        json_decref(values);
        return NULL;
    }
    size_t i = 0;
    const char *key;
    json_t *total;
    json_object_foreach(totals, key, total) {
        entries[i].value = key;
        entries[i++].count = json_integer_value(total);
    }
    qsort(entries, n, sizeof *entries, by_count_then_value);

    bool ok = true;
    for (i = 0; ok && i < n && (limit == 0 || i < limit); i++) {
        json_t *item = json_pack("{s:s,s:I}", "value", entries[i].value, "count",
                                 entries[i].count);
        ok = item && json_array_append_new(values, item) == 0;
    }
    free(entries);
    if (!ok) {
        json_decref(values);
        return NULL;
    }
    return values;
}

/* Append {"value", "count"} to the array `data`. */
static int append_entry(const char *value, size_t len, unsigned count, void *data)
{
    /* json_pack would parse its format once per value, and a facet such as
     * meeting has thousands of values at 1 GB. */
    json_t *item = json_object();
    bool ok = item && json_object_set_new_nocheck(item, "value", json_stringn(value, len)) == 0 &&
              json_object_set_new_nocheck(item, "count", json_integer(count)) == 0;
    if (!ok) {
        json_decref(item);
        return 1;
    }
    return json_array_append_new(data, item) != 0;
}

/* Return the counts of `c`, sorted and capped. A facet counted by one spy
 * gets them in that order from the spy. The spread slots of a list facet
 * each count part of it, so their counts are summed first. */
static json_t *counter_json(const docket_facets *facets, const counter *c, unsigned limit)
{
    json_t *values = NULL;
    if (c->count <= 1) {
        values = json_array();
        xc_status xs = XC_NO_MEMORY;
        if (values && c->count == 0)
            xs = xc_spy_each_field(facets->packed, c->field, limit, append_entry, values);
        else if (values)
            xs = xc_spy_each(c->spies[0], limit, append_entry, values);
        if (xs != XC_OK) {
            json_decref(values);
            return NULL;
        }
        return values;
    }

    json_t *totals = json_object();
    bool ok = totals != NULL;
    for (size_t j = 0; ok && j < c->count; j++)
        ok = xc_spy_each(c->spies[j], 0, add_count, totals) == XC_OK;
    if (ok)
        values = sorted_counts(totals, limit);
    json_decref(totals);
    return values;
}

docket_status docket_facets_json(docket_facets *facets, unsigned limit, json_t **out)
{
    json_t *result = json_object();
    for (size_t i = 0; result && i < facets->count; i++) {
        const counter *c = &facets->counters[i];
        json_t *values = counter_json(facets, c, limit);
        if (!values || json_object_set_new(result, c->facet->name, values) != 0) {
            json_decref(result);
            return DOCKET_ERR_NO_MEMORY;
        }
    }
    if (!result)
        return DOCKET_ERR_NO_MEMORY;
    *out = result;
    return DOCKET_OK;
}
