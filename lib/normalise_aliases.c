/* normalise_aliases.c: alias tables, read from alias files, that map the
 * spellings of specs, companies, people and working groups onto one. */
#include "docket/normalise.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalise_private.h"

typedef struct alias_entry {
    docket_alias_kind kind;
    char *body;      /* the body of a working group, NULL for other kinds */
    char *key;       /* the name reduced to lowercase letters, digits and non-ASCII bytes */
    char *name;      /* the name as the file spells it */
    char *canonical;
} alias_entry;

struct docket_aliases {
    alias_entry *entries;
    size_t count;
    size_t capacity;
    size_t *spec_entries; /* indexes of the spec entries, for scanning text */
    size_t spec_count;
};

/* Return true when byte `c` takes part in matching: letters, digits and
 * the bytes of non-ASCII characters. */
static bool key_byte(unsigned char c)
{
    return ascii_alnum(c) || c >= 0x80;
}

static char *make_key(const char *name)
{
    char *key = malloc(strlen(name) + 1);
    if (!key)
        return NULL;
    size_t n = 0;
    for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
        if (key_byte(*s))
            key[n++] = (char)ascii_tolower(*s);
    }
    key[n] = '\0';
    return key;
}

/* Return true when `name` reduces to `key`. */
static bool key_equals(const char *name, const char *key)
{
    for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
        if (!key_byte(*s))
            continue;
        if (ascii_tolower(*s) != (unsigned char)*key)
            return false;
        key++;
    }
    return *key == '\0';
}

/* Return true when `a` and `b` reduce to the same key. */
static bool same_body(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    for (;;) {
        while (*x && !key_byte(*x))
            x++;
        while (*y && !key_byte(*y))
            y++;
        if (!*x || !*y)
            return !*x && !*y;
        if (ascii_tolower(*x++) != ascii_tolower(*y++))
            return false;
    }
}

docket_status docket_aliases_new(docket_aliases **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? DOCKET_OK : DOCKET_ERR_NO_MEMORY;
}

static void entry_free(alias_entry *entry)
{
    free(entry->body);
    free(entry->key);
    free(entry->name);
    free(entry->canonical);
}

void docket_aliases_free(docket_aliases *aliases)
{
    if (!aliases)
        return;
    for (size_t i = 0; i < aliases->count; i++)
        entry_free(&aliases->entries[i]);
    free(aliases->entries);
    free(aliases->spec_entries);
    free(aliases);
}

static char *copy_string(const char *s)
{
    if (!s)
        return NULL;
    size_t len = strlen(s) + 1;
    char *copy = malloc(len);
    if (copy)
        memcpy(copy, s, len);
    return copy;
}

static alias_entry *find_entry(const docket_aliases *aliases, docket_alias_kind kind,
                               const char *body, const char *key)
{
    for (size_t i = 0; i < aliases->count; i++) {
        alias_entry *entry = &aliases->entries[i];
        if (entry->kind == kind && strcmp(entry->key, key) == 0 &&
            same_body(entry->body, body))
            return entry;
    }
    return NULL;
}

static alias_entry *append_entry(docket_aliases *aliases)
{
    if (aliases->count == aliases->capacity) {
        size_t capacity = aliases->capacity ? aliases->capacity * 2 : 64;
        alias_entry *entries = realloc(aliases->entries, capacity * sizeof *entries);
        if (!entries)
            return NULL;
        aliases->entries = entries;
        aliases->capacity = capacity;
    }
    alias_entry *entry = &aliases->entries[aliases->count++];
    memset(entry, 0, sizeof *entry);
    return entry;
}

/* Map `name` onto `canonical`, replacing an earlier mapping of the name. */
static docket_status add_alias(docket_aliases *aliases, docket_alias_kind kind,
                               const char *body, const char *name, const char *canonical)
{
    alias_entry fresh = {kind, copy_string(body), make_key(name), copy_string(name),
                         copy_string(canonical)};
    if (!fresh.key || !fresh.name || !fresh.canonical || (body && !fresh.body)) {
        entry_free(&fresh);
        return DOCKET_ERR_NO_MEMORY;
    }

    alias_entry *entry = find_entry(aliases, kind, body, fresh.key);
    if (entry)
        entry_free(entry);
    else
        entry = append_entry(aliases);
    if (!entry) {
        entry_free(&fresh);
        return DOCKET_ERR_NO_MEMORY;
    }
    *entry = fresh;
    return DOCKET_OK;
}

/* ---- Alias files ---- */

typedef struct alias_section {
    bool known;
    docket_alias_kind kind;
    char body[64];
} alias_section;

/* Trim spaces and tabs from both ends of [*start, *end). */
static void trim_span(const char **start, const char **end)
{
    while (*start < *end && ascii_space((unsigned char)**start))
        (*start)++;
    while (*end > *start && ascii_space((unsigned char)(*end)[-1]))
        (*end)--;
}

/* Read "[specs]", "[companies]", "[people]" or "[wg BODY]". */
static const char *parse_section(const char *start, const char *end, alias_section *section)
{
    if (end[-1] != ']')
        return "section header without a closing ']'";
    start++;
    end--;
    trim_span(&start, &end);
    size_t len = (size_t)(end - start);

    static const struct {
        const char *name;
        docket_alias_kind kind;
    } names[] = {{"specs", DOCKET_ALIAS_SPEC},
                 {"companies", DOCKET_ALIAS_COMPANY},
                 {"people", DOCKET_ALIAS_PERSON}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (len == strlen(names[i].name) && strncmp(start, names[i].name, len) == 0) {
            section->known = true;
            section->kind = names[i].kind;
            section->body[0] = '\0';
            return NULL;
        }
    }
    if (len > 3 && strncmp(start, "wg", 2) == 0 && ascii_space((unsigned char)start[2])) {
        const char *body = start + 3;
        trim_span(&body, &end);
        if (body == end || (size_t)(end - body) >= sizeof section->body)
            return "a [wg BODY] section needs a body name of up to 63 bytes";
        section->known = true;
        section->kind = DOCKET_ALIAS_WG;
        snprintf(section->body, sizeof section->body, "%.*s", (int)(end - body), body);
        return NULL;
    }
    return "unknown section; expected [specs], [companies], [people] or [wg BODY]";
}

/* Add one "canonical = alias | alias" line. Return an error text or NULL. */
static const char *parse_entry(docket_aliases *aliases, const alias_section *section,
                               const char *start, const char *end, docket_status *status)
{
    const char *equals = memchr(start, '=', (size_t)(end - start));
    if (!section->known)
        return "entry before the first section header";
    if (!equals)
        return "missing '=' between the canonical name and its aliases";

    const char *name_end = equals;
    trim_span(&start, &name_end);
    if (start == name_end)
        return "empty canonical name before '='";

    char canonical[512], alias[512];
    if ((size_t)(name_end - start) >= sizeof canonical)
        return "canonical name longer than 511 bytes";
    snprintf(canonical, sizeof canonical, "%.*s", (int)(name_end - start), start);
    const char *body = section->kind == DOCKET_ALIAS_WG ? section->body : NULL;
    *status = add_alias(aliases, section->kind, body, canonical, canonical);

    const char *item = equals + 1;
    trim_span(&item, &end);
    while (*status == DOCKET_OK && item < end) {
        const char *bar = memchr(item, '|', (size_t)(end - item));
        const char *item_end = bar ? bar : end;
        const char *next = bar ? bar + 1 : end;
        trim_span(&item, &item_end);
        if (item == item_end)
            return "empty alias between '|' separators";
        if ((size_t)(item_end - item) >= sizeof alias)
            return "alias longer than 511 bytes";
        snprintf(alias, sizeof alias, "%.*s", (int)(item_end - item), item);
        *status = add_alias(aliases, section->kind, body, alias, canonical);
        item = next;
    }
    return NULL;
}

static docket_status parse_lines(docket_aliases *aliases, const char *name, const char *data,
                                 size_t len, docket_error *err);

/* Rebuild the list of spec entries after entries were added. */
static docket_status index_specs(docket_aliases *aliases)
{
    size_t *index = realloc(aliases->spec_entries, (aliases->count + 1) * sizeof *index);
    if (!index)
        return DOCKET_ERR_NO_MEMORY;
    aliases->spec_entries = index;
    aliases->spec_count = 0;
    for (size_t i = 0; i < aliases->count; i++) {
        if (aliases->entries[i].kind == DOCKET_ALIAS_SPEC && aliases->entries[i].key[0])
            index[aliases->spec_count++] = i;
    }
    return DOCKET_OK;
}

docket_status docket_aliases_parse(docket_aliases *aliases, const char *name,
                                   const char *data, size_t len, docket_error *err)
{
    docket_status status = parse_lines(aliases, name, data, len, err);
    if (index_specs(aliases) != DOCKET_OK && status == DOCKET_OK)
        status = docket_error_set(err, DOCKET_ERR_NO_MEMORY, "%s: out of memory", name);
    return status;
}

/* Add the entries of every line, up to the first malformed one. */
static docket_status parse_lines(docket_aliases *aliases, const char *name, const char *data,
                                 size_t len, docket_error *err)
{
    alias_section section = {false, DOCKET_ALIAS_SPEC, ""};
    const char *end_of_data = data + len;
    unsigned line = 0;

    for (const char *start = data; start < end_of_data;) {
        const char *newline = memchr(start, '\n', (size_t)(end_of_data - start));
        const char *end = newline ? newline : end_of_data;
        const char *next = newline ? newline + 1 : end_of_data;
        line++;

        trim_span(&start, &end);
        const char *problem = NULL;
        docket_status status = DOCKET_OK;
        if (start == end || *start == '#')
            problem = NULL;
        else if (*start == '[')
            problem = parse_section(start, end, &section);
        else
            problem = parse_entry(aliases, &section, start, end, &status);

        if (problem)
            return docket_error_set(err, DOCKET_ERR_INVALID_INPUT, "%s:%u: %s", name, line,
                                    problem);
        if (status != DOCKET_OK)
            return docket_error_set(err, status, "%s:%u: %s", name, line,
                                    docket_status_text(status));
        start = next;
    }
    return DOCKET_OK;
}

docket_status docket_aliases_load(docket_aliases *aliases, const char *path,
                                  docket_error *err)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return docket_error_set(err, DOCKET_ERR_IO, "%s: %s", path, strerror(errno));

    char *data = NULL;
    size_t len = 0, capacity = 0;
    docket_status status = DOCKET_OK;
    for (;;) {
        if (len + 4096 > capacity) {
            char *grown = realloc(data, capacity + 65536);
            if (!grown) {
                status = docket_error_set(err, DOCKET_ERR_NO_MEMORY, "%s: out of memory", path);
                goto done;
            }
            data = grown;
            capacity += 65536;
        }
        size_t got = fread(data + len, 1, capacity - len, file);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(file)) {
        status = docket_error_set(err, DOCKET_ERR_IO, "%s: read failed", path);
        goto done;
    }
    status = docket_aliases_parse(aliases, path, data, len, err);

done:
    free(data);
    fclose(file);
    return status;
}

/* ---- Lookups ---- */

static const alias_entry *lookup_entry(const docket_aliases *aliases, docket_alias_kind kind,
                                       const char *body, const char *name)
{
    if (!aliases || !name)
        return NULL;
    for (size_t i = 0; i < aliases->count; i++) {
        const alias_entry *entry = &aliases->entries[i];
        if (entry->kind == kind && key_equals(name, entry->key) &&
            same_body(entry->body, body))
            return entry;
    }
    return NULL;
}

const char *docket_aliases_lookup(const docket_aliases *aliases, docket_alias_kind kind,
                                  const char *name)
{
    const alias_entry *entry = lookup_entry(aliases, kind, NULL, name);
    return entry ? entry->canonical : NULL;
}

const char *docket_aliases_wg(const docket_aliases *aliases, const char *body,
                              const char *name)
{
    const alias_entry *entry = lookup_entry(aliases, DOCKET_ALIAS_WG, body, name);
    return entry ? entry->canonical : NULL;
}

size_t docket_aliases_wg_names(const docket_aliases *aliases, const char *body,
                               const char *canonical, const char **out, size_t max)
{
    const alias_entry *group = lookup_entry(aliases, DOCKET_ALIAS_WG, body, canonical);
    if (!group || strcmp(group->canonical, canonical) != 0)
        return 0;

    size_t count = 0;
    if (max > 0)
        out[0] = group->canonical;
    count++;
    for (size_t i = 0; i < aliases->count; i++) {
        const alias_entry *entry = &aliases->entries[i];
        if (entry->kind != DOCKET_ALIAS_WG || !same_body(entry->body, body) ||
            strcmp(entry->canonical, canonical) != 0 || key_equals(canonical, entry->key))
            continue;
        if (count < max)
            out[count] = entry->name;
        count++;
    }
    return count;
}

/* Return the bytes of `text` that spell `key`, allowing up to three spaces
 * or punctuation marks between two key characters. Return 0 when it does
 * not, or when a letter or digit follows. */
static size_t match_key_at(const char *text, const char *key)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; key[i]; i++) {
        for (int skipped = 0; i > 0 && skipped < 3 && *s && !key_byte(*s); skipped++)
            s++;
        if (ascii_tolower(*s) != (unsigned char)key[i])
            return 0;
        s++;
    }
    if (ascii_alnum(*s))
        return 0;
    return (size_t)((const char *)s - text);
}

docket_status docket_aliases_scan_spec_names(const docket_aliases *aliases, const char *text,
                                             docket_spec_fn fn, void *data)
{
    if (!aliases)
        return DOCKET_OK;
    for (const char *s = text; *s; s++) {
        if (!key_byte((unsigned char)*s) || (s > text && key_byte((unsigned char)s[-1])))
            continue;
        for (size_t i = 0; i < aliases->spec_count; i++) {
            const alias_entry *entry = &aliases->entries[aliases->spec_entries[i]];
            if (ascii_tolower((unsigned char)*s) != (unsigned char)entry->key[0])
                continue;
            if (match_key_at(s, entry->key)) {
                docket_status status = fn(entry->canonical, data);
                if (status != DOCKET_OK)
                    return status;
            }
        }
    }
    return DOCKET_OK;
}
