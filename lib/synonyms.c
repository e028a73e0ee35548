/* synonyms.c: acronyms and their expansions, so that either form finds both. */
#include "synonyms.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_ENTRY 256

typedef struct entry {
    char *acronym;   /* as written in the file */
    char *expansion; /* as written in the file */
} entry;

struct docket_synonyms {
    entry *entries;
    size_t count;
    size_t capacity;
};

void docket_synonyms_free(docket_synonyms *synonyms)
{
    if (!synonyms)
        return;
    for (size_t i = 0; i < synonyms->count; i++) {
        free(synonyms->entries[i].acronym);
        free(synonyms->entries[i].expansion);
    }
    free(synonyms->entries);
    free(synonyms);
}

size_t docket_synonyms_count(const docket_synonyms *synonyms)
{
    return synonyms ? synonyms->count : 0;
}

static char *trimmed_copy(const char *start, const char *end)
{
    while (start < end && isspace((unsigned char)*start))
        start++;
    while (end > start && isspace((unsigned char)end[-1]))
        end--;
    size_t len = (size_t)(end - start);
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, start, len);
        copy[len] = '\0';
    }
    return copy;
}

static docket_status add_entry(docket_synonyms *synonyms, const char *line, const char *end,
                               const char *equals)
{
    if (synonyms->count == synonyms->capacity) {
        size_t capacity = synonyms->capacity ? synonyms->capacity * 2 : 64;
        entry *grown = realloc(synonyms->entries, capacity * sizeof *grown);
        if (!grown)
            return DOCKET_ERR_NO_MEMORY;
        synonyms->entries = grown;
        synonyms->capacity = capacity;
    }
    entry *e = &synonyms->entries[synonyms->count];
    e->acronym = trimmed_copy(line, equals);
    e->expansion = trimmed_copy(equals + 1, end);
    if (!e->acronym || !e->expansion) {
        free(e->acronym);
        free(e->expansion);
        return DOCKET_ERR_NO_MEMORY;
    }
    synonyms->count++;
    return DOCKET_OK;
}

/* Whether the acronym (before '=') is one word and the expansion is not empty. */
static bool well_formed(const char *line, const char *end, const char *equals)
{
    const char *s = line;
    while (s < equals && isspace((unsigned char)*s))
        s++;
    const char *word = s;
    while (s < equals && !isspace((unsigned char)*s) && *s != '"')
        s++;
    bool one_word = s > word;
    while (s < equals && isspace((unsigned char)*s))
        s++;
    if (!one_word || s != equals || equals - word >= MAX_ENTRY)
        return false;
    for (s = equals + 1; s < end; s++) {
        if (*s == '"')
            return false;
        if (!isspace((unsigned char)*s))
            return end - equals < MAX_ENTRY;
    }
    return false;
}

docket_status docket_synonyms_parse(const char *name, const char *data, size_t len,
                                    docket_synonyms **out, docket_error *err)
{
    docket_synonyms *synonyms = calloc(1, sizeof *synonyms);
    if (!synonyms)
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "%s: out of memory", name);

    const char *s = data;
    const char *stop = data + len;
    docket_status status = DOCKET_OK;
    for (unsigned line = 1; s < stop && status == DOCKET_OK; line++) {
        const char *end = memchr(s, '\n', (size_t)(stop - s));
        if (!end)
            end = stop;
        const char *first = s;
        while (first < end && isspace((unsigned char)*first))
            first++;
        const char *equals = memchr(s, '=', (size_t)(end - s));
        if (first == end || *first == '#') {
            /* a blank line or a comment */
        } else if (!equals || !well_formed(s, end, equals)) {
            status = docket_error_set(err, DOCKET_ERR_INVALID_INPUT,
                                      "%s:%u: invalid synonym line: expected "
                                      "'ACRONYM = Expansion'",
                                      name, line);
        } else if (add_entry(synonyms, s, end, equals) != DOCKET_OK) {
            status = docket_error_set(err, DOCKET_ERR_NO_MEMORY, "%s: out of memory", name);
        }
        s = end + 1;
    }
    if (status != DOCKET_OK) {
        docket_synonyms_free(synonyms);
        return status;
    }
    *out = synonyms;
    return DOCKET_OK;
}

/* ---- Expanding a query ------------------------------------------------ */

static const entry *find_acronym(const docket_synonyms *synonyms, const char *word, size_t len)
{
    for (size_t i = 0; synonyms && i < synonyms->count; i++) {
        const char *acronym = synonyms->entries[i].acronym;
        if (strlen(acronym) == len && strncasecmp(acronym, word, len) == 0)
            return &synonyms->entries[i];
    }
    return NULL;
}

/* Whether `phrase` (len bytes) equals `expansion`, ignoring case and runs of
 * spaces. */
static bool same_words(const char *phrase, size_t len, const char *expansion)
{
    const char *p = phrase;
    const char *stop = phrase + len;
    const char *e = expansion;
    for (;;) {
        while (p < stop && isspace((unsigned char)*p))
            p++;
        while (isspace((unsigned char)*e))
            e++;
        if (p == stop || *e == '\0')
            return p == stop && *e == '\0';
        while (p < stop && *e && !isspace((unsigned char)*p) && !isspace((unsigned char)*e)) {
            if (tolower((unsigned char)*p) != tolower((unsigned char)*e))
                return false;
            p++;
            e++;
        }
        bool p_space = p == stop || isspace((unsigned char)*p);
        bool e_space = *e == '\0' || isspace((unsigned char)*e);
        if (p_space != e_space)
            return false;
    }
}

static const entry *find_expansion(const docket_synonyms *synonyms, const char *phrase,
                                   size_t len)
{
    for (size_t i = 0; synonyms && i < synonyms->count; i++) {
        if (same_words(phrase, len, synonyms->entries[i].expansion))
            return &synonyms->entries[i];
    }
    return NULL;
}

static bool append_alternatives(strbuf *out, const char *first, size_t len, const char *second,
                                bool quote_second)
{
    return strbuf_append_str(out, "(") && strbuf_append(out, first, len) &&
           strbuf_append_str(out, quote_second ? " OR \"" : " OR ") &&
           strbuf_append_str(out, second) && strbuf_append_str(out, quote_second ? "\")" : ")");
}

/* Copy the phrase at `s` (an opening quote); return where it ends. */
static const char *expand_phrase(const docket_synonyms *synonyms, const char *s, strbuf *out,
                                 bool *ok)
{
    const char *close = strchr(s + 1, '"');
    const char *end = close ? close + 1 : s + strlen(s);
    const entry *e = close ? find_expansion(synonyms, s + 1, (size_t)(close - s - 1)) : NULL;
    *ok = e ? append_alternatives(out, s, (size_t)(end - s), e->acronym, false)
            : strbuf_append(out, s, (size_t)(end - s));
    return end;
}

/* Copy the word at `s`; return where it ends. A word with a field runs to
 * the end of its quoted value. */
static const char *expand_word(const docket_synonyms *synonyms, const char *s, strbuf *out,
                               bool *ok)
{
    const char *start = s;
    while (*s == '(')
        s++;
    const char *core = s;
    bool quoted = false;
    while (*s && (quoted || !isspace((unsigned char)*s))) {
        if (*s == '"')
            quoted = !quoted;
        s++;
    }
    const char *end = s;
    while (s > core && s[-1] == ')')
        s--;
    size_t len = (size_t)(s - core);

    bool plain = len > 0 && !memchr(core, ':', len) && !memchr(core, '"', len) &&
                 *core != '+' && *core != '-';
    const entry *e = plain ? find_acronym(synonyms, core, len) : NULL;
    *ok = strbuf_append(out, start, (size_t)(core - start)) &&
          (e ? append_alternatives(out, core, len, e->expansion, true)
             : strbuf_append(out, core, len)) &&
          strbuf_append(out, s, (size_t)(end - s));
    return end;
}

bool docket_synonyms_expand(const docket_synonyms *synonyms, const char *text, strbuf *out)
{
    bool ok = true;
    const char *s = text;
    while (*s && ok) {
        if (isspace((unsigned char)*s))
            ok = strbuf_append(out, s++, 1);
        else if (*s == '"')
            s = expand_phrase(synonyms, s, out, &ok);
        else
            s = expand_word(synonyms, s, out, &ok);
    }
    return ok && strbuf_append(out, "", 0);
}
