/* schema.c: record to Xapian document, following the table in schema.h. */
#include "schema.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

const docket_field docket_schema_fields[] = {
    {"type", "XT", false},
    {"body", "XB", false},
    {"meeting", "XM", false},
    {"wg", "XW", false},
    {"doc", "XDOC", false},
    {"spec", "XSPEC", false},
    {"by", "XBY", true},
    {"company", "XCO", true},
    {"status", "XS", false},
    {"decision", "XD", false},
    {"action", "XA", false},
    {NULL, NULL, false},
};

const docket_facet docket_schema_facets[] = {
    {"type", DOCKET_SLOT_TYPE, false},
    {"meeting", DOCKET_SLOT_MEETING, false},
    {"wg", DOCKET_SLOT_WG, false},
    {"status", DOCKET_SLOT_STATUS, false},
    {"year", DOCKET_SLOT_YEAR, false},
    {"body", DOCKET_SLOT_BODY, false},
    {"company", DOCKET_SLOT_COMPANY, true},
    {"contributor", DOCKET_SLOT_CONTRIBUTOR, true},
    {"spec", DOCKET_SLOT_SPEC, true},
    {NULL, 0, false},
};

xc_slot docket_schema_spread_slot(enum docket_slot slot)
{
    switch (slot) {
    case DOCKET_SLOT_COMPANY: return DOCKET_SPREAD_COMPANY;
    case DOCKET_SLOT_CONTRIBUTOR: return DOCKET_SPREAD_CONTRIBUTOR;
    case DOCKET_SLOT_SPEC: return DOCKET_SPREAD_SPEC;
    default: return (xc_slot)-1;
    }
}

const docket_facet *docket_schema_facet(const char *name)
{
    for (const docket_facet *facet = docket_schema_facets; facet->name; facet++) {
        if (strcmp(facet->name, name) == 0)
            return facet;
    }
    return NULL;
}

/* ASCII base letters of U+00C0..U+017F, lowercase; '\0' where none.
 * glibc iconv's //TRANSLIT would do this only under a UTF-8 locale, and a
 * library must not change the process locale. */
static const char latin_fold[] =
    "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyts"  /* U+00C0..U+00DF */
    "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty"  /* U+00E0..U+00FF */
    "aaaaaaccccccccdd" "ddeeeeeeeeeegggg"   /* U+0100..U+011F */
    "gggghhhhiiiiiiii" "iiiijjkkklllllll"   /* U+0120..U+013F */
    "lllnnnnnnnnnoooo" "oooorrrrrrssssss"   /* U+0140..U+015F */
    "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";  /* U+0160..U+017F */

/* Decode one UTF-8 sequence at `s`; return its length (1 for invalid). */
static size_t utf8_decode(const unsigned char *s, unsigned *code)
{
    if (s[0] < 0x80) {
        *code = s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
        *code = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
        return 2;
    }
    if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        *code = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        return 3;
    }
    *code = 0xFFFD;
    return 1;
}

static bool keeps_punctuation(int c)
{
    return c == '-' || c == '.' || c == '_' || c == '#' || c == '@' || c == '&';
}

bool docket_schema_fold(const char *value, char *out, size_t size)
{
    const unsigned char *s = (const unsigned char *)value;
    size_t n = 0;
    bool space = false;

    while (*s) {
        unsigned code;
        size_t len = utf8_decode(s, &code);
        char c = 0;

        if (code < 0x80 && ((code >= '0' && code <= '9') || (code >= 'a' && code <= 'z') ||
                            keeps_punctuation((int)code)))
            c = (char)code;
        else if (code >= 'A' && code <= 'Z')
            c = (char)(code - 'A' + 'a');
        else if (code >= 0xC0 && code <= 0x17F)
            c = latin_fold[code - 0xC0];

        if (c) {
            if (space && n > 0) {
                if (n + 1 >= size)
                    return false;
                out[n++] = ' ';
            }
            space = false;
            if (n + 1 >= size)
                return false;
            out[n++] = c;
        } else if (code < 0x80 || code == 0xA0 || code == 0xFFFD || code >= 0x2000) {
            space = true; /* spaces, other punctuation and symbols separate words */
        } else {
            /* TODO: letters outside Latin-1 and Latin Extended-A are kept
             * unchanged, without case folding. */
            if (space && n > 0) {
                if (n + 1 >= size)
                    return false;
                out[n++] = ' ';
            }
            space = false;
            if (n + len >= size)
                return false;
            memcpy(out + n, s, len);
            n += len;
        }
        s += len;
    }
    out[n] = '\0';
    return n > 0;
}

bool docket_schema_spec_key(const char *value, char *out, size_t size)
{
    char folded[256];
    if (!docket_schema_fold(value, folded, sizeof folded))
        return false;

    size_t n = 0;
    for (const char *s = folded; *s; s++) {
        if (*s == ' ' || *s == '-')
            continue;
        if (n + 1 >= size)
            return false;
        out[n++] = *s;
    }
    out[n] = '\0';
    return n > 0;
}

/* ---- Building the document ------------------------------------------- */

typedef struct builder {
    xc_document *doc;
    xc_termgen *tg;
    bool positions;
    docket_error *err;
    docket_status status;
} builder;

static void fail(builder *b, xc_status xs, const char *what)
{
    if (b->status != DOCKET_OK)
        return;
    b->status = xs == XC_NO_MEMORY ? DOCKET_ERR_NO_MEMORY : DOCKET_ERR_INDEX;
    docket_error_set(b->err, b->status, "%s: %s", what, xc_document_error(b->doc));
}

/* Add the boolean term prefix+value, value taken as it is. */
static void add_raw_term(builder *b, const char *prefix, const char *value)
{
    char term[512];
    if (b->status != DOCKET_OK || !value || !*value)
        return;
    if ((size_t)snprintf(term, sizeof term, "%s%s", prefix, value) >= sizeof term)
        return; /* a field value this long is not something anyone types */
    xc_status xs = xc_document_add_boolean_term(b->doc, term);
    if (xs != XC_OK)
        fail(b, xs, "adding a term");
}

/* Add the term prefix+value with a within-document frequency of 1, so that
 * an identifier typed without a field ranks the records it names first. */
static void add_weighted_term(builder *b, const char *prefix, const char *value)
{
    char term[512];
    if (b->status != DOCKET_OK || !value || !*value)
        return;
    if ((size_t)snprintf(term, sizeof term, "%s%s", prefix, value) >= sizeof term)
        return;
    xc_status xs = xc_document_add_term(b->doc, term, 1);
    if (xs != XC_OK)
        fail(b, xs, "adding a term");
}

static void add_doc_numbers(builder *b, const json_t *record, const char *key)
{
    const json_t *field = json_object_get(record, key);
    size_t index;
    json_t *item;
    char folded[256];
    if (json_is_string(field) && docket_schema_fold(json_string_value(field), folded, sizeof folded))
        add_weighted_term(b, "XDOC", folded);
    json_array_foreach(field, index, item) {
        if (docket_schema_fold(json_string_value(item) ? json_string_value(item) : "", folded,
                               sizeof folded))
            add_weighted_term(b, "XDOC", folded);
    }
}

/* Add the folded field value, and each of its words when `words`. */
static void add_field_term(builder *b, const char *prefix, const char *value, bool words)
{
    char folded[256];
    if (!value || !docket_schema_fold(value, folded, sizeof folded))
        return;
    add_raw_term(b, prefix, folded);
    if (!words || !strchr(folded, ' '))
        return;

    char *save = NULL;
    for (char *word = strtok_r(folded, " ", &save); word; word = strtok_r(NULL, " ", &save))
        add_raw_term(b, prefix, word);
}

static void add_field(builder *b, const json_t *record, const char *key, const char *prefix)
{
    add_field_term(b, prefix, json_string_value(json_object_get(record, key)), false);
}

static void add_field_array(builder *b, const json_t *record, const char *key,
                            const char *prefix)
{
    size_t index;
    json_t *item;
    json_array_foreach(json_object_get(record, key), index, item)
        add_field_term(b, prefix, json_string_value(item), false);
}

/* Whether `key` is a 3GPP spec key, "ts23.501" or "tr38.913". */
static bool is_3gpp_key(const char *key)
{
    return key[0] == 't' && (key[1] == 's' || key[1] == 'r') && isdigit((unsigned char)key[2]) &&
           isdigit((unsigned char)key[3]) && key[4] == '.';
}

static void add_specs(builder *b, const json_t *record)
{
    size_t index;
    json_t *item;
    json_array_foreach(json_object_get(record, "specs"), index, item) {
        char key[256];
        const char *spec = json_string_value(item);
        if (!spec || !docket_schema_spec_key(spec, key, sizeof key))
            continue;
        add_weighted_term(b, "XSPEC", key);
        /* "23.501" alone names the same 3GPP spec. */
        if (is_3gpp_key(key))
            add_weighted_term(b, "XSPEC", key + 2);
    }
}

static void add_people(builder *b, const json_t *record)
{
    size_t index;
    json_t *person;
    json_array_foreach(json_object_get(record, "contributors"), index, person) {
        add_field_term(b, "XBY", docket_record_get(person, "name"), true);
        add_field_term(b, "XCO", docket_record_get(person, "company"), true);
    }
    /* Speakers of a section are people. */
    json_t *speaker;
    json_array_foreach(json_object_get(record, "speakers"), index, speaker)
        add_field_term(b, "XBY", json_string_value(speaker), true);

    /* Action owners are companies or people: either field finds them. */
    json_t *owner;
    json_array_foreach(json_object_get(record, "owners"), index, owner) {
        add_field_term(b, "XBY", json_string_value(owner), true);
        add_field_term(b, "XCO", json_string_value(owner), true);
    }
}

static void add_decisions(builder *b, const json_t *record)
{
    size_t index;
    json_t *entry;
    json_array_foreach(json_object_get(record, "decisions"), index, entry)
        add_field_term(b, "XD", docket_record_get(entry, "decision"), false);
    add_field(b, record, "status", "XD");
}

static void add_terms(builder *b, const json_t *record, const char *id, const char *abs_path)
{
    add_raw_term(b, DOCKET_PREFIX_ID, id);
    add_raw_term(b, DOCKET_PREFIX_PATH, abs_path);
    add_field(b, record, "type", "XT");
    add_field(b, record, "body", "XB");
    add_field(b, record, "meeting", "XM");
    add_field(b, record, "wg", "XW");
    add_field_array(b, record, "wg_names", "XW");
    add_doc_numbers(b, record, "doc");
    add_doc_numbers(b, record, "revisions");
    add_doc_numbers(b, record, "aliases");
    add_specs(b, record);
    add_people(b, record);
    add_field(b, record, "status", "XS");
    add_decisions(b, record);
    add_field(b, record, "action", "XA");
}

/* Index `text` as free text, with and without `prefix`. */
static void index_text(builder *b, const char *text, const char *prefix)
{
    if (b->status != DOCKET_OK || !text || !*text)
        return;
    size_t len = strlen(text);
    xc_status (*index)(xc_termgen *, const char *, size_t, unsigned, const char *) =
        b->positions ? xc_termgen_index_text : xc_termgen_index_text_without_positions;
    xc_status xs = XC_OK;
    if (prefix)
        xs = index(b->tg, text, len, 1, prefix);
    if (xs == XC_OK)
        xs = index(b->tg, text, len, 1, "");
    if (xs == XC_OK)
        xs = xc_termgen_increase_termpos(b->tg, 100);
    if (xs != XC_OK) {
        b->status = xs == XC_NO_MEMORY ? DOCKET_ERR_NO_MEMORY : DOCKET_ERR_INDEX;
        docket_error_set(b->err, b->status, "indexing text: %s", xc_termgen_error(b->tg));
    }
}

static void set_value(builder *b, enum docket_slot slot, const char *value, size_t len)
{
    if (b->status != DOCKET_OK || !value || len == 0)
        return;
    xc_status xs = xc_document_set_value(b->doc, slot, value, len);
    if (xs != XC_OK)
        fail(b, xs, "setting a value");
}

static void set_string_value(builder *b, const json_t *record, const char *key,
                             enum docket_slot slot)
{
    const char *value = docket_record_get(record, key);
    if (value)
        set_value(b, slot, value, strlen(value));
}

/* Collect the strings at `key` (or `key`.`member` of each object) into a
 * list value. */
static bool already_listed(const char *const *items, size_t count, const char *value)
{
    for (size_t i = 0; i < count; i++) {
        if (strcmp(items[i], value) == 0)
            return true;
    }
    return false;
}

/* Store the first DOCKET_SPREAD_SLOTS distinct values of a list facet one
 * per slot as well, where Xapian's own ValueCountMatchSpy can count them,
 * because a stock xapian-tcpsrv has no other spy. */
static void set_spread_values(builder *b, const char *const *items, size_t count,
                              enum docket_slot slot)
{
    xc_slot first = docket_schema_spread_slot(slot);
    for (size_t i = 0; i < count && i < DOCKET_SPREAD_SLOTS; i++)
        set_value(b, (enum docket_slot)(first + i), items[i], strlen(items[i]));
}

static void set_list_value(builder *b, const json_t *record, const char *key,
                           const char *member, enum docket_slot slot)
{
    const json_t *array = json_object_get(record, key);
    size_t count = json_array_size(array);
    if (b->status != DOCKET_OK || count == 0)
        return;

    const char **items = calloc(count, sizeof *items);
    if (!items) {
        b->status = docket_error_set(b->err, DOCKET_ERR_NO_MEMORY, "out of memory");
        return;
    }
    size_t used = 0;
    for (size_t i = 0; i < count; i++) {
        const json_t *item = json_array_get(array, i);
        const char *value = member ? docket_record_get(item, member) : json_string_value(item);
        if (value && *value && !already_listed(items, used, value))
            items[used++] = value;
    }
    set_spread_values(b, items, used, slot);

    char *list = NULL;
    size_t len = 0;
    if (used > 0) {
        xc_status xs = xc_serialise_list(items, used, &list, &len);
        if (xs != XC_OK)
            b->status = docket_error_set(b->err, DOCKET_ERR_NO_MEMORY, "out of memory");
    }
    set_value(b, slot, list, len);
    free(list);
    free(items);
}

int docket_schema_packed_field(const docket_facet *facet)
{
    if (facet->list)
        return -1;
    int field = 0;
    for (const docket_facet *other = docket_schema_facets; other != facet; other++)
        field += !other->list;
    return field;
}

/* Pack the single-valued facet slots into DOCKET_SLOT_FACETS, so that a
 * search reads one value per record for them. Call after they are set. */
static void set_packed_facets(builder *b)
{
    xc_slot slots[sizeof docket_schema_facets / sizeof docket_schema_facets[0]];
    size_t count = 0;
    for (const docket_facet *facet = docket_schema_facets; facet->name; facet++) {
        if (!facet->list)
            slots[count++] = facet->slot;
    }
    if (b->status != DOCKET_OK)
        return;
    xc_status xs = xc_document_pack_values(b->doc, slots, count, DOCKET_SLOT_FACETS);
    if (xs != XC_OK)
        fail(b, xs, "packing the facet values");
}

static void set_values(builder *b, const json_t *record)
{
    const char *date = docket_record_get(record, "date");
    set_string_value(b, record, "date", DOCKET_SLOT_DATE);
    if (date && strlen(date) >= 4)
        set_value(b, DOCKET_SLOT_YEAR, date, 4);
    set_string_value(b, record, "type", DOCKET_SLOT_TYPE);
    set_string_value(b, record, "meeting", DOCKET_SLOT_MEETING);
    set_string_value(b, record, "wg", DOCKET_SLOT_WG);
    set_string_value(b, record, "status", DOCKET_SLOT_STATUS);
    set_string_value(b, record, "doc", DOCKET_SLOT_DOC);
    const char *chain = json_string_value(json_array_get(json_object_get(record, "chain"), 0));
    if (!chain)
        chain = docket_record_get(record, "doc");
    if (chain)
        set_value(b, DOCKET_SLOT_CHAIN, chain, strlen(chain));
    set_value(b, DOCKET_SLOT_DATE_ASCENDING, date ? date : "~", date ? strlen(date) : 1);
    set_string_value(b, record, "body", DOCKET_SLOT_BODY);
    set_list_value(b, record, "contributors", "company", DOCKET_SLOT_COMPANY);
    set_list_value(b, record, "contributors", "name", DOCKET_SLOT_CONTRIBUTOR);
    set_list_value(b, record, "specs", NULL, DOCKET_SLOT_SPEC);
    set_packed_facets(b);
}

/* Store the record as compact JSON without its text, then a NUL byte and
 * the text as it is (see schema.h). */
static void set_data(builder *b, const json_t *record, const char *id)
{
    json_t *copy = json_copy((json_t *)record); /* shallow: the members are shared */
    const char *text = docket_record_get(record, "text");
    char *json = NULL;
    if (copy && json_object_set_new(copy, "id", json_string(id)) == 0) {
        json_object_del(copy, "text");
        json = json_dumps(copy, JSON_COMPACT);
    }
    json_decref(copy);
    strbuf data = STRBUF_INIT;
    bool ok = json && strbuf_append(&data, json, strlen(json) + 1) &&
              (!text || strbuf_append(&data, text, strlen(text)));
    free(json);
    if (!ok) {
        strbuf_free(&data);
        b->status = docket_error_set(b->err, DOCKET_ERR_NO_MEMORY, "out of memory");
        return;
    }
    xc_status xs = xc_document_set_data(b->doc, data.data, data.len);
    strbuf_free(&data);
    if (xs != XC_OK)
        fail(b, xs, "storing the record");
}

docket_status docket_schema_document(const json_t *record, const char *id,
                                     const char *abs_path, xc_termgen *tg, bool positions,
                                     xc_document *doc, docket_error *err)
{
    builder b = {doc, tg, positions, err, DOCKET_OK};

    xc_status xs = xc_termgen_set_document(tg, doc);
    if (xs != XC_OK)
        return docket_error_set(err, DOCKET_ERR_INDEX, "indexing text: %s",
                                xc_termgen_error(tg));

    index_text(&b, docket_record_get(record, "title"), DOCKET_PREFIX_TITLE);
    index_text(&b, docket_record_get(record, "text"), NULL);
    add_terms(&b, record, id, abs_path);
    set_values(&b, record);
    set_data(&b, record, id);
    return b.status;
}
