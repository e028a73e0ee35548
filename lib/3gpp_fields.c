/* 3gpp_fields.c: the record sink of the 3GPP parsers and the readers of
 * the fields both the Tdoc list and the cover page carry: source
 * companies, working groups, releases, specs and CR references. */
#include "3gpp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/record.h"
#include "normalise_private.h"
#include "strbuf.h"

/* ---- The record sink ---- */

docket_status tgpp_sink_init(tgpp_sink *sink, const docket_text *text,
                             const docket_aliases *aliases)
{
    memset(sink, 0, sizeof *sink);
    sink->text = text;
    sink->aliases = aliases;
    sink->records = json_array();
    return sink->records ? DOCKET_OK : DOCKET_ERR_NO_MEMORY;
}

docket_status tgpp_sink_finish(tgpp_sink *sink, const char *what, json_t *records,
                               docket_error *err)
{
    docket_status status = sink->status;
    if (status == DOCKET_OK && json_array_extend(records, sink->records) != 0)
        status = DOCKET_ERR_NO_MEMORY;
    if (status != DOCKET_OK)
        docket_error_set(err, status, "%s:%u: %s: %s", sink->text->path, sink->line, what,
                         docket_status_text(status));
    json_decref(sink->records);
    sink->records = NULL;
    return status;
}

void tgpp_fail(tgpp_sink *sink, docket_status status)
{
    if (sink->status == DOCKET_OK)
        sink->status = status;
}

json_t *tgpp_new_record(tgpp_sink *sink, const char *type, unsigned line)
{
    if (sink->status != DOCKET_OK)
        return NULL;
    json_t *record = docket_record_new(type, sink->text->path, line);
    if (!record || json_array_append_new(sink->records, record) != 0) {
        tgpp_fail(sink, DOCKET_ERR_NO_MEMORY);
        return NULL;
    }
    return record;
}

void tgpp_set(tgpp_sink *sink, json_t *record, const char *key, const char *value)
{
    if (sink->status == DOCKET_OK)
        tgpp_fail(sink, docket_record_set(record, key, value));
}

void tgpp_add(tgpp_sink *sink, json_t *record, const char *key, const char *value)
{
    if (sink->status == DOCKET_OK && value && *value)
        tgpp_fail(sink, docket_record_add(record, key, value));
}

void tgpp_set_integer(tgpp_sink *sink, json_t *record, const char *key, long long value)
{
    if (sink->status == DOCKET_OK && json_object_set_new(record, key, json_integer(value)) != 0)
        tgpp_fail(sink, DOCKET_ERR_NO_MEMORY);
}

void tgpp_append_text(tgpp_sink *sink, json_t *record, const char *text)
{
    if (sink->status == DOCKET_OK)
        tgpp_fail(sink, docket_record_append_text(record, text));
}

char *tgpp_strndup(tgpp_sink *sink, const char *s, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy) {
        tgpp_fail(sink, DOCKET_ERR_NO_MEMORY);
        return NULL;
    }
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

char *tgpp_trimmed(tgpp_sink *sink, const char *s)
{
    while (ascii_space((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && ascii_space((unsigned char)s[len - 1]))
        len--;
    return tgpp_strndup(sink, s, len);
}

static char *trim_in_place(char *s)
{
    while (ascii_space((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && ascii_space((unsigned char)s[len - 1]))
        s[--len] = '\0';
    return s;
}

size_t tgpp_split_cells(char *row, char **cells, size_t max)
{
    size_t count = 0;
    for (char *s = row; count < max;) {
        char *tab = strchr(s, '\t');
        if (tab)
            *tab = '\0';
        cells[count++] = trim_in_place(s);
        if (!tab)
            break;
        s = tab + 1;
    }
    return count;
}

/* ---- Working group ---- */

void tgpp_set_group(tgpp_sink *sink, json_t *record, const char *meeting, const char *wg)
{
    tgpp_set(sink, record, "body", TGPP_BODY);
    if (meeting && *meeting)
        tgpp_set(sink, record, "meeting", meeting);
    if (!wg || !*wg)
        return;
    tgpp_set(sink, record, "wg", wg);

    const char *names[8];
    size_t count = docket_aliases_wg_names(sink->aliases, TGPP_BODY, wg, names, 8);
    for (size_t i = 0; i < count && i < 8; i++)
        tgpp_add(sink, record, "wg_names", names[i]);
    if (count > 0)
        return;

    char long_name[32];
    tgpp_add(sink, record, "wg_names", wg);
    if (docket_3gpp_wg_long_name(wg, long_name, sizeof long_name))
        tgpp_add(sink, record, "wg_names", long_name);
}

/* ---- Source companies ---- */

/* Legal forms that a comma separates from the company name they belong
 * to ("HUAWEI TECHNOLOGIES CO., LTD"). */
static bool is_legal_form(const char *word)
{
    static const char *const forms[] = {"Ltd", "Ltd.", "Limited", "Inc", "Inc.",
                                        "Incorporated", "GmbH", "AG", "AB", "SA", "S.A.",
                                        "LLC", "Corp", "Corp.", "Corporation", "B.V.",
                                        "BV", "Oy", "plc", "Co", "Co."};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        size_t n = strlen(forms[i]);
        if (starts_with_nocase(word, forms[i]) && word[n] == '\0')
            return true;
    }
    return false;
}

/* Add the 3GPP numbers in `text` (the document number of a liaison in
 * another group: "(R2-1806492)") to "related". */
static void add_related_numbers(tgpp_sink *sink, json_t *record, const char *text)
{
    docket_docnum num;
    for (const char *at = text; (at = docket_docnum_find(at, NULL, &num)) != NULL;
         at += num.length)
        tgpp_add(sink, record, "related", num.base);
}

/* Drop a full stop typed after a name ("Cisco."), but not the one of an
 * abbreviation ("Inc.", "S.A.", "Com."). */
static void strip_full_stop(char *name)
{
    size_t len = strlen(name);
    if (len < 2 || name[len - 1] != '.')
        return;
    const char *word = strrchr(name, ' ');
    word = word ? word + 1 : name;
    if (is_legal_form(word) || memchr(word, '.', (size_t)(name + len - 1 - word)) ||
        strlen(word) <= 4)
        return;
    name[len - 1] = '\0';
}

/* Remove from `name` what marks a doubt or a role rather than the company:
 * trailing question marks, square brackets, and a bracketed tail that
 * contains a digit, a question mark, nothing or the word rapporteur. */
static void strip_annotations(tgpp_sink *sink, json_t *record, char *name)
{
    char *open = strchr(name, '(');
    if (open) {
        bool annotation = open[1] == ')' || strpbrk(open, "0123456789?") ||
                          starts_with_nocase(open + 1, "rapporteur");
        if (annotation) {
            add_related_numbers(sink, record, open);
            *open = '\0';
        }
    }
    for (char *s = name; *s; s++) {
        if (*s == '[' || *s == ']')
            *s = ' ';
    }
    size_t len = strlen(name);
    while (len && (name[len - 1] == '?' || ascii_space((unsigned char)name[len - 1])))
        name[--len] = '\0';
    strip_full_stop(name);
}

static void add_company(tgpp_sink *sink, json_t *record, const char *typed)
{
    char *company = NULL;
    if (sink->status != DOCKET_OK)
        return;
    tgpp_fail(sink, docket_company_normalise(sink->aliases, typed, &company));

    /* An ellipsis names nobody. */
    if (company && strcmp(company, "\xe2\x80\xa6") != 0)
        tgpp_fail(sink, docket_record_add_contributor(record, NULL, company));
    free(company);
}

/* Add the company in `name` unless it is empty, then empty `name`. */
static void flush_company(tgpp_sink *sink, json_t *record, strbuf *name)
{
    if (name->len)
        add_company(sink, record, strbuf_str(name));
    strbuf_clear(name);
}

void tgpp_add_companies(tgpp_sink *sink, json_t *record, const char *source)
{
    char *copy = tgpp_strndup(sink, source, strlen(source));
    if (!copy)
        return;
    /* Semicolons and "? " separate names too: "Intel? Samsung". */
    for (char *s = copy; *s; s++) {
        if (*s == ';' || (*s == '?' && s[1] == ' '))
            *s = ',';
    }

    /* A name is added once the next piece is known not to be its legal form. */
    strbuf name = STRBUF_INIT;
    for (char *piece = copy; piece && sink->status == DOCKET_OK;) {
        char *comma = strchr(piece, ',');
        if (comma)
            *comma = '\0';
        strip_annotations(sink, record, piece);
        piece = trim_in_place(piece);
        if (*piece && !(name.len && is_legal_form(piece)))
            flush_company(sink, record, &name);
        if (*piece && ((name.len && !strbuf_append_str(&name, ", ")) ||
                       !strbuf_append_str(&name, piece)))
            tgpp_fail(sink, DOCKET_ERR_NO_MEMORY);
        piece = comma ? comma + 1 : NULL;
    }
    flush_company(sink, record, &name);
    strbuf_free(&name);
    free(copy);
}

/* ---- Specs, CRs and releases ---- */

static docket_status add_spec(const char *spec, void *data)
{
    return docket_record_add(data, "specs", spec);
}

void tgpp_add_specs(tgpp_sink *sink, json_t *record, const char *text)
{
    if (sink->status == DOCKET_OK && text)
        tgpp_fail(sink, docket_specs_scan(sink->aliases, text, add_spec, record));
}

static size_t count_digits(const char *s)
{
    size_t n = 0;
    while (ascii_digit((unsigned char)s[n]))
        n++;
    return n;
}

static const char *skip_spaces(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Read the revision after a CR number: "R1" written on, or "rev 2";
 * "rev -" is the form's way of saying none. */
static const char *read_cr_revision(tgpp_sink *sink, json_t *record, const char *s)
{
    const char *digits = NULL;
    if ((*s == 'R' || *s == 'r') && ascii_digit((unsigned char)s[1]))
        digits = s + 1;
    else if (starts_with_nocase(skip_spaces(s), "rev"))
        digits = skip_spaces(skip_spaces(s) + 3);
    if (!digits)
        return s;
    size_t n = count_digits(digits);
    if (n == 0 || n > 3)
        return s;
    tgpp_set_integer(sink, record, "cr_revision", atoi(digits));
    return digits + n;
}

/* Read "(Rel-15, 'F')" after a CR number: the release and the category. */
static void read_cr_category(tgpp_sink *sink, json_t *record, const char *s)
{
    s = skip_spaces(s);
    const char *close = *s == '(' ? strchr(s, ')') : NULL;
    const char *quote = close ? memchr(s, '\'', (size_t)(close - s)) : NULL;
    if (quote && ascii_upper((unsigned char)quote[1]) && quote[2] == '\'') {
        char category[2] = {quote[1], '\0'};
        tgpp_set(sink, record, "cr_category", category);
    }
}

bool tgpp_read_cr(tgpp_sink *sink, json_t *record, const char *text)
{
    char spec[DOCKET_SPEC_SIZE];
    size_t n = docket_3gpp_spec_at(text, spec);
    if (n == 0)
        return false;
    tgpp_add(sink, record, "specs", spec);

    const char *s = skip_spaces(text + n);
    if (strncmp(s, "CR", 2) != 0)
        return true;
    s = skip_spaces(s + 2);
    size_t digits = count_digits(s);
    bool revision_follows = s[digits] == 'R' || s[digits] == 'r';
    if (digits == 0 || digits > 4 || (ascii_alpha((unsigned char)s[digits]) && !revision_follows))
        return true;

    /* CR numbers are four digits on the 3GPP portal: "CR 67" is "0067". */
    char number[8];
    snprintf(number, sizeof number, "%04d", atoi(s));
    tgpp_set(sink, record, "cr", number);
    read_cr_category(sink, record, read_cr_revision(sink, record, s + digits));
    return true;
}

bool tgpp_release(const char *typed, char out[16])
{
    const char *s = skip_spaces(typed);
    if (starts_with_nocase(s, "Release"))
        s += 7;
    else if (starts_with_nocase(s, "Rel"))
        s += 3;
    else
        return false;
    if (*s == '-' || *s == ' ' || *s == '.')
        s++;
    size_t n = count_digits(s);
    if (n == 0 || n > 2 || ascii_alnum((unsigned char)s[n]))
        return false;
    snprintf(out, 16, "Rel-%d", atoi(s));
    return true;
}

bool tgpp_find_number(const char *text, docket_docnum *out)
{
    if (docket_docnum_find(text, NULL, out))
        return true;

    /* "S2- 1812758": drop the spaces after a hyphen and look again. */
    char copy[256];
    size_t n = 0;
    for (const char *s = text; *s && n + 1 < sizeof copy; s++) {
        if (*s == ' ' && n > 0 && copy[n - 1] == '-')
            continue;
        copy[n++] = *s;
    }
    copy[n] = '\0';
    return docket_docnum_find(copy, NULL, out) != NULL;
}
