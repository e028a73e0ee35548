/* normalise.c: contribution numbers with repairs, spec references, meeting
 * ids, dates, decision words, person and company names. Alias tables are
 * in normalise_aliases.c. */
#include "docket/normalise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalise_private.h"

static size_t count_digits(const char *s)
{
    size_t n = 0;
    while (ascii_digit((unsigned char)s[n]))
        n++;
    return n;
}

/* ---- Contribution numbers ---- */

/* The parts of a number as typed, before repairs. */
typedef struct number_parts {
    char prefix[8];
    char year[5];      /* empty for 3GPP numbers */
    char digits[8];
    size_t revision_at; /* offset of the revision suffix in the match */
    int revision;       /* -1 without revision */
    bool letter_o;      /* a letter o stood for a zero in the revision */
    bool threegpp;
    size_t length;
} number_parts;

/* Match a revision suffix at `s`: R06, r6, Ro1, Rev6, Rev. 6, " Rev 6".
 * Return its length, 0 when there is none. */
static size_t match_revision(const char *s, bool allow_letter_o, int *revision, bool *letter_o)
{
    size_t at = 0;
    bool spelled = false;

    if (s[0] == ' ' && starts_with_nocase(s + 1, "rev"))
        at = 1;
    if (s[at] != 'R' && s[at] != 'r')
        return 0;
    if (starts_with_nocase(s + at, "rev")) {
        spelled = true;
        at += 3;
        if (s[at] == '.')
            at++;
        if (s[at] == ' ')
            at++;
    } else if (at == 1) {
        return 0;
    } else {
        at = 1;
    }

    int value = 0;
    size_t n = 0;
    bool digit_seen = false, o_seen = false;
    while (n < 3) {
        unsigned char c = (unsigned char)s[at + n];
        if (ascii_digit(c)) {
            value = value * 10 + (c - '0');
            digit_seen = true;
        } else if ((c == 'o' || c == 'O') && allow_letter_o && !spelled) {
            value = value * 10;
            o_seen = true;
        } else {
            break;
        }
        n++;
    }
    if (!digit_seen || ascii_alnum((unsigned char)s[at + n]))
        return 0;
    *revision = value;
    *letter_o = o_seen;
    return at + n;
}

static bool copy_span(char *out, size_t size, const char *s, size_t len)
{
    if (len >= size)
        return false;
    memcpy(out, s, len);
    out[len] = '\0';
    return true;
}

/* Match a oneM2M number (SEC-2014-0059R06) at `s`. */
static bool match_onem2m(const char *s, number_parts *parts)
{
    size_t at = 0;
    while (at < 6 && ascii_upper((unsigned char)s[at]))
        at++;
    if (at < 2 || at > 5 || !copy_span(parts->prefix, sizeof parts->prefix, s, at))
        return false;

    size_t h = hyphen_length(s + at);
    if (!h || count_digits(s + at + h) != 4)
        return false;
    copy_span(parts->year, sizeof parts->year, s + at + h, 4);
    at += h + 4;

    h = hyphen_length(s + at);
    size_t n = h ? count_digits(s + at + h) : 0;
    if (n != 3 && n != 4)
        return false;
    copy_span(parts->digits, sizeof parts->digits, s + at + h, n);
    at += h + n;

    parts->revision_at = at;
    parts->revision = -1;
    parts->letter_o = false;
    parts->threegpp = false;
    at += match_revision(s + at, true, &parts->revision, &parts->letter_o);
    parts->length = at;
    return true;
}

/* Match a 3GPP number (S2-1812368, SP-180123r01) at `s`. */
static bool match_3gpp(const char *s, number_parts *parts)
{
    if (!ascii_upper((unsigned char)s[0]))
        return false;
    size_t at = 1;
    while (at < 3 && (ascii_upper((unsigned char)s[at]) || ascii_digit((unsigned char)s[at])))
        at++;
    if (at < 2 || !copy_span(parts->prefix, sizeof parts->prefix, s, at))
        return false;

    size_t h = hyphen_length(s + at);
    size_t n = h ? count_digits(s + at + h) : 0;
    if (n != 6 && n != 7)
        return false;
    copy_span(parts->digits, sizeof parts->digits, s + at + h, n);
    at += h + n;

    parts->year[0] = '\0';
    parts->revision_at = at;
    parts->revision = -1;
    parts->letter_o = false;
    parts->threegpp = true;
    if ((s[at] == 'r' || s[at] == 'R') && count_digits(s + at + 1) == 2 &&
        !ascii_alnum((unsigned char)s[at + 3])) {
        parts->revision = (s[at + 1] - '0') * 10 + (s[at + 2] - '0');
        at += 3;
    }
    parts->length = at;
    return true;
}

/* Return the typed year repaired to `meeting_year` when two adjacent
 * digits were swapped, otherwise the typed year. */
static int repair_year(const char *typed, int meeting_year, bool *repaired)
{
    int year = atoi(typed);
    *repaired = false;
    if (meeting_year <= 0 || year == meeting_year)
        return year;
    for (int i = 0; i < 3; i++) {
        char swapped[5];
        memcpy(swapped, typed, 5);
        swapped[i] = typed[i + 1];
        swapped[i + 1] = typed[i];
        if (atoi(swapped) == meeting_year) {
            *repaired = true;
            return meeting_year;
        }
    }
    return year;
}

/* Return true when deleting one digit of the four-digit `block` gives the
 * three-digit `typed`. */
static bool loses_one_digit(const char *block, const char *typed)
{
    for (int skip = 0; skip < 4; skip++) {
        char shorter[4];
        int k = 0;
        for (int i = 0; i < 4; i++) {
            if (i != skip)
                shorter[k++] = block[i];
        }
        if (memcmp(shorter, typed, 3) == 0)
            return true;
    }
    return false;
}

/* A three-digit number is padded with a leading zero unless the block's
 * own number, with the same prefix and year, could also have lost a digit
 * to give these three digits and padding would not give it back. */
static bool padding_is_ambiguous(const number_parts *parts, int year,
                                 const docket_docnum_context *context)
{
    if (!context || !context->block_base)
        return false;

    number_parts block;
    if (!match_onem2m(context->block_base, &block) || strlen(block.digits) != 4)
        return false;
    if (strcmp(block.prefix, parts->prefix) != 0 || atoi(block.year) != year)
        return false;

    char padded[5] = {'0', parts->digits[0], parts->digits[1], parts->digits[2], '\0'};
    return loses_one_digit(block.digits, parts->digits) &&
           strcmp(padded, block.digits) != 0;
}

static void format_revision(char *out, size_t size, const char *base, int revision,
                            char letter)
{
    int written = revision < 0 ? snprintf(out, size, "%s", base)
                               : snprintf(out, size, "%s%c%02d", base, letter, revision);
    /* Parsed numbers are far shorter than DOCKET_DOCNUM_SIZE; a longer one
     * would be cut, never overrun. */
    if (written < 0 || (size_t)written >= size)
        out[size - 1] = '\0';
}

static void build_onem2m(const number_parts *parts, const docket_docnum_context *context,
                         docket_docnum *out)
{
    bool year_repaired;
    int year = repair_year(parts->year, context ? context->year : 0, &year_repaired);

    if (strlen(parts->digits) == 3 && padding_is_ambiguous(parts, year, context)) {
        out->ambiguous = true;
        copy_span(out->base, sizeof out->base, out->typed, parts->revision_at);
        snprintf(out->number, sizeof out->number, "%s", out->typed);
        return;
    }

    if (year_repaired)
        out->repairs |= DOCKET_REPAIR_YEAR_SWAP;
    if (strlen(parts->digits) == 3)
        out->repairs |= DOCKET_REPAIR_PADDED;
    if (parts->letter_o)
        out->repairs |= DOCKET_REPAIR_REVISION_LETTER;
    snprintf(out->base, sizeof out->base, "%s-%04d-%04d", parts->prefix, year,
             atoi(parts->digits));
    format_revision(out->number, sizeof out->number, out->base, out->revision, 'R');
}

static void build_3gpp(const number_parts *parts, docket_docnum *out)
{
    snprintf(out->base, sizeof out->base, "%s-%s", parts->prefix, parts->digits);
    format_revision(out->number, sizeof out->number, out->base, out->revision, 'r');
}

/* Match a number starting exactly at `s` into `out`. */
static bool match_number(const char *s, const docket_docnum_context *context,
                         docket_docnum *out)
{
    number_parts parts;
    if (!match_onem2m(s, &parts) && !match_3gpp(s, &parts))
        return false;
    if (!copy_span(out->typed, sizeof out->typed, s, parts.length))
        return false;

    out->revision = parts.revision;
    out->repairs = 0;
    out->ambiguous = false;
    out->length = parts.length;
    if (parts.threegpp)
        build_3gpp(&parts, out);
    else
        build_onem2m(&parts, context, out);
    return true;
}

const char *docket_docnum_find(const char *text, const docket_docnum_context *context,
                               docket_docnum *out)
{
    for (const char *s = text; *s; s++) {
        if (s > text && ascii_alnum((unsigned char)s[-1]))
            continue;
        if (ascii_upper((unsigned char)*s) && match_number(s, context, out))
            return s;
    }
    return NULL;
}

docket_status docket_docnum_parse(const char *typed, const docket_docnum_context *context,
                                  docket_docnum *out)
{
    if (!match_number(typed, context, out) || typed[out->length] != '\0')
        return DOCKET_ERR_INVALID_INPUT;
    return DOCKET_OK;
}

/* ---- Specifications ---- */

/* Match "TS-0001", "TS 0001", "TS 23.501" or "RFC 9110" at `s`. */
static size_t match_spec(const char *s, char out[DOCKET_SPEC_SIZE])
{
    bool rfc = strncmp(s, "RFC", 3) == 0;
    if (!rfc && strncmp(s, "TS", 2) != 0 && strncmp(s, "TR", 2) != 0 &&
        strncmp(s, "WI", 2) != 0)
        return 0;

    size_t at = rfc ? 3 : 2;
    if (s[at] == '-' || s[at] == ' ')
        at++;
    size_t n = count_digits(s + at);

    if (rfc && n >= 1 && n <= 5 && !ascii_alnum((unsigned char)s[at + n])) {
        snprintf(out, DOCKET_SPEC_SIZE, "RFC%.*s", (int)n, s + at);
        return at + n;
    }
    if (rfc)
        return 0;
    if (n == 4 && !ascii_alnum((unsigned char)s[at + 4])) {
        snprintf(out, DOCKET_SPEC_SIZE, "%.2s-%.4s", s, s + at);
        return at + 4;
    }
    if (n == 2 && s[0] == 'T' && s[at + 2] == '.' && count_digits(s + at + 3) == 3 &&
        !ascii_alnum((unsigned char)s[at + 6])) {
        snprintf(out, DOCKET_SPEC_SIZE, "%.2s %.6s", s, s + at);
        return at + 6;
    }
    return 0;
}

const char *docket_spec_find(const char *text, char out[DOCKET_SPEC_SIZE], size_t *length)
{
    for (const char *s = text; *s; s++) {
        if (s > text && ascii_alnum((unsigned char)s[-1]))
            continue;
        size_t n = match_spec(s, out);
        if (n) {
            if (length)
                *length = n;
            return s;
        }
    }
    return NULL;
}

docket_status docket_specs_scan(const docket_aliases *aliases, const char *text,
                                docket_spec_fn fn, void *data)
{
    char spec[DOCKET_SPEC_SIZE];
    size_t length;
    const char *at = text;
    while ((at = docket_spec_find(at, spec, &length)) != NULL) {
        docket_status status = fn(spec, data);
        if (status != DOCKET_OK)
            return status;
        at += length;
    }
    return docket_aliases_scan_spec_names(aliases, text, fn, data);
}

/* ---- Meeting ids and dates ---- */

bool docket_meeting_id(const char *text, char *out, size_t size)
{
    for (const char *s = text; *s; s++) {
        if (!ascii_upper((unsigned char)*s) || (s > text && ascii_alnum((unsigned char)s[-1])))
            continue;
        size_t name = 1;
        while (name < 8 && ascii_alnum((unsigned char)s[name]))
            name++;
        const char *p = s + name;
        while (*p == ' ')
            p++;
        if (name < 2 || *p != '#')
            continue;
        p++;
        while (*p == ' ')
            p++;
        size_t n = count_digits(p);
        if (n == 0)
            continue;
        while (p[n] == '.' && ascii_digit((unsigned char)p[n + 1]))
            n += 1 + count_digits(p + n + 1);
        while (ascii_lower((unsigned char)p[n]))
            n++;
        return snprintf(out, size, "%.*s#%.*s", (int)name, s, (int)n, p) < (int)size;
    }
    return false;
}

static int month_number(const char *word, size_t len)
{
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    if (len < 3)
        return 0;
    for (int i = 0; i < 12; i++) {
        if (starts_with_nocase(word, months[i]))
            return i + 1;
    }
    return 0;
}

/* Find up to two ISO dates (2014-02-17). */
static int find_iso_dates(const char *text, char start[11], char end[11])
{
    int found = 0;
    for (const char *s = text; *s && found < 2; s++) {
        if ((s > text && ascii_alnum((unsigned char)s[-1])) || count_digits(s) != 4 ||
            s[4] != '-' || count_digits(s + 5) != 2 || s[7] != '-' ||
            count_digits(s + 8) != 2)
            continue;
        copy_span(found == 0 ? start : end, 11, s, 10);
        found++;
        s += 9;
    }
    return found;
}

/* Read dates written with month names: days, months and one year in the
 * order they appear ("30 June - 4 July 2014", "July 7 - 11, 2014"). */
static bool find_named_dates(const char *text, char start[11], char end[11])
{
    int days[2] = {0, 0}, months[2] = {0, 0}, year = 0;
    int day_count = 0, month_count = 0;

    for (const char *s = text; *s;) {
        size_t n = 0;
        if (ascii_digit((unsigned char)*s)) {
            n = count_digits(s);
            int value = atoi(s);
            if (n == 4 && !year)
                year = value;
            else if (n <= 2 && value >= 1 && value <= 31 && day_count < 2)
                days[day_count++] = value;
        } else if (ascii_alpha((unsigned char)*s)) {
            while (ascii_alpha((unsigned char)s[n]))
                n++;
            int month = month_number(s, n);
            if (month && month_count < 2)
                months[month_count++] = month;
        } else {
            n = 1;
        }
        s += n;
    }
    if (!year || !day_count || !month_count)
        return false;

    snprintf(start, 11, "%04d-%02d-%02d", year, months[0], days[0]);
    snprintf(end, 11, "%04d-%02d-%02d", year, months[month_count - 1], days[day_count - 1]);
    return true;
}

bool docket_date_range(const char *text, char start[11], char end[11])
{
    int iso = find_iso_dates(text, start, end);
    if (iso == 1)
        memcpy(end, start, 11);
    if (iso > 0)
        return true;
    return find_named_dates(text, start, end);
}

/* ---- Decision words ---- */

static const struct {
    const char *words;
    const char *decision;
} decision_words[] = {
    {"revision is expected", "revision-expected"},
    {"revision expected", "revision-expected"},
    {"not handled", "not-handled"},
    {"not treated", "not-handled"},
    {"agreed", "agreed"},
    {"approved", "approved"},
    {"noted", "noted"},
    {"revised", "revised"},
    {"endorsed", "endorsed"},
    {"merged", "merged"},
    {"withdrawn", "withdrawn"},
    {"postponed", "postponed"},
    {"replied", "replied"},
    {"open", "open"},
    {"closed", "closed"},
    {"ongoing", "ongoing"},
    {"on-going", "ongoing"},
    {"frozen", "frozen"},
};

/* Match one decision word (or phrase) at `s`, ending at a word boundary. */
static const char *match_decision(const char *s, size_t *length)
{
    for (size_t i = 0; i < sizeof decision_words / sizeof decision_words[0]; i++) {
        size_t n = strlen(decision_words[i].words);
        if (starts_with_nocase(s, decision_words[i].words) &&
            !ascii_alnum((unsigned char)s[n])) {
            *length = n;
            return decision_words[i].decision;
        }
    }
    return NULL;
}

const char *docket_decision_word(const char *text, size_t *length)
{
    const char *decision = NULL;
    size_t end = 0, at = 0, n;

    while (ascii_space((unsigned char)text[at]))
        at++;
    for (const char *word; (word = match_decision(text + at, &n)) != NULL;) {
        decision = word;
        end = at + n;
        at = end;
        while (ascii_space((unsigned char)text[at]))
            at++;
    }
    if (length)
        *length = end;
    return decision;
}

const char *docket_decision_find(const char *text, const char **at)
{
    size_t n;
    for (const char *s = text; *s; s++) {
        if (s > text && ascii_alnum((unsigned char)s[-1]))
            continue;
        const char *decision = match_decision(s, &n);
        if (decision) {
            if (at)
                *at = s;
            return decision;
        }
    }
    return NULL;
}

/* ---- People and companies ---- */

/* Return true when the word of `len` bytes is an e-mail address: text,
 * '@', then a domain with a dot ("Technology@Industry" is not one). */
static bool is_email(const char *word, size_t len)
{
    const char *at = memchr(word, '@', len);
    if (!at || at == word)
        return false;
    const char *dot = memchr(at, '.', len - (size_t)(at - word));
    return dot && dot > at + 1 && dot + 1 < word + len && ascii_alnum((unsigned char)dot[1]);
}

/* Collapse whitespace and trim, and drop e-mail addresses. Commas become
 * spaces when `drop_commas` is set. */
static char *clean_words(const char *typed, bool drop_commas)
{
    size_t len = strlen(typed);
    char *out = malloc(len + 1);
    if (!out)
        return NULL;

    size_t n = 0;
    for (const char *s = typed; *s;) {
        while (ascii_space((unsigned char)*s) || (drop_commas && *s == ','))
            s++;
        size_t w = 0;
        while (s[w] && !ascii_space((unsigned char)s[w]) && !(drop_commas && s[w] == ','))
            w++;
        if (w && !is_email(s, w)) {
            if (n)
                out[n++] = ' ';
            memcpy(out + n, s, w);
            n += w;
        }
        s += w;
    }
    out[n] = '\0';
    return out;
}

/* Return true when `s` starts with a capital letter: ASCII or the Latin-1
 * range of UTF-8 (C3 80..9E except the multiplication sign). */
static bool upper_letter_at(const unsigned char *s, size_t *width)
{
    if (ascii_upper(s[0])) {
        *width = 1;
        return true;
    }
    if (s[0] == 0xC3 && s[1] >= 0x80 && s[1] <= 0x9E && s[1] != 0x97) {
        *width = 2;
        return true;
    }
    return false;
}

/* Return true when `s` starts with a small letter, as upper_letter_at. */
static bool lower_letter_at(const unsigned char *s, size_t *width)
{
    if (ascii_lower(s[0])) {
        *width = 1;
        return true;
    }
    if (s[0] == 0xC3 && s[1] >= 0xA0 && s[1] <= 0xBF && s[1] != 0xB7) {
        *width = 2;
        return true;
    }
    return false;
}

/* Return true when the word of `len` bytes has two or more letters, all
 * of them capitals. */
static bool word_in_capitals(const unsigned char *s, size_t len)
{
    size_t letters = 0, width;
    for (size_t i = 0; i < len; i += width) {
        width = 1;
        if (lower_letter_at(s + i, &width))
            return false;
        if (upper_letter_at(s + i, &width))
            letters++;
    }
    return letters >= 2;
}

/* Lower every capital of the word except the first letter and letters
 * after a hyphen or apostrophe ("JEAN-PIERRE" -> "Jean-Pierre"). */
static void recapitalise_word(unsigned char *s, size_t len)
{
    bool keep = true;
    size_t width;
    for (size_t i = 0; i < len; i += width) {
        width = 1;
        if (upper_letter_at(s + i, &width)) {
            if (!keep)
                s[i + width - 1] += 0x20;
            keep = false;
        } else if (s[i] == '-' || s[i] == '\'') {
            keep = true;
        } else if (lower_letter_at(s + i, &width)) {
            keep = false;
        }
    }
}

static char *strdup_or_null(const char *s)
{
    size_t len = strlen(s) + 1;
    char *copy = malloc(len);
    if (copy)
        memcpy(copy, s, len);
    return copy;
}

/* Replace `*name` by its canonical spelling from the table of `kind`. */
static docket_status apply_alias(const docket_aliases *aliases, docket_alias_kind kind,
                                 char **name)
{
    const char *canonical = docket_aliases_lookup(aliases, kind, *name);
    if (!canonical || strcmp(canonical, *name) == 0)
        return DOCKET_OK;
    char *copy = strdup_or_null(canonical);
    if (!copy)
        return DOCKET_ERR_NO_MEMORY;
    free(*name);
    *name = copy;
    return DOCKET_OK;
}

/* Return `name` unless it is empty, in which case free it and return NULL. */
static char *null_if_empty(char *name)
{
    if (name && !*name) {
        free(name);
        return NULL;
    }
    return name;
}

docket_status docket_person_normalise(const docket_aliases *aliases, const char *typed,
                                      char **out)
{
    *out = NULL;
    char *name = clean_words(typed, true);
    if (!name)
        return DOCKET_ERR_NO_MEMORY;

    for (unsigned char *w = (unsigned char *)name; *w;) {
        size_t len = 0;
        while (w[len] && w[len] != ' ')
            len++;
        if (word_in_capitals(w, len))
            recapitalise_word(w, len);
        w += len;
        while (*w == ' ')
            w++;
    }

    docket_status status = apply_alias(aliases, DOCKET_ALIAS_PERSON, &name);
    if (status != DOCKET_OK) {
        free(name);
        return status;
    }
    *out = null_if_empty(name);
    return DOCKET_OK;
}

/* Count brackets: positive when '(' outnumber ')'. */
static int bracket_balance(const char *s)
{
    int balance = 0;
    for (; *s; s++)
        balance += (*s == '(') - (*s == ')');
    return balance;
}

/* Return true when the '(' at name[0] closes at name[len - 1]. */
static bool wrapped_in_brackets(const char *name, size_t len)
{
    int depth = 0;
    for (size_t i = 0; i < len; i++) {
        depth += (name[i] == '(') - (name[i] == ')');
        if (depth == 0)
            return i == len - 1;
    }
    return false;
}

/* Strip punctuation and space from both ends, a bracket pair wrapping the
 * whole name, and close or drop unbalanced brackets, in place. */
static void trim_company(char *name)
{
    size_t len = strlen(name);
    while (len && strchr(" ,;:", name[len - 1]))
        name[--len] = '\0';
    size_t lead = 0;
    while (name[lead] == ' ' || name[lead] == ',')
        lead++;
    memmove(name, name + lead, len - lead + 1);
    len -= lead;

    if (len >= 2 && name[0] == '(' && wrapped_in_brackets(name, len)) {
        memmove(name, name + 1, len - 2);
        name[len - 2] = '\0';
        trim_company(name);
        return;
    }
    while (len && name[len - 1] == ')' && bracket_balance(name) < 0)
        name[--len] = '\0';
    if (len && name[0] == '(' && bracket_balance(name) > 0) {
        memmove(name, name + 1, len);
        len--;
    }
}

/* Drop a trailing "(ETSI)"-style group: the partner organisation through
 * which a member company joined, all capitals. */
static void drop_partner_suffix(char *name)
{
    size_t len = strlen(name);
    char *open = strrchr(name, '(');
    if (!open || open == name || name[len - 1] != ')')
        return;
    for (const char *s = open + 1; s < name + len - 1; s++) {
        if (!ascii_upper((unsigned char)*s))
            return;
    }
    *open = '\0';
    trim_company(name);
}

docket_status docket_company_normalise(const docket_aliases *aliases, const char *typed,
                                       char **out)
{
    *out = NULL;
    char *name = clean_words(typed, false);
    if (!name)
        return DOCKET_ERR_NO_MEMORY;

    trim_company(name);
    if (bracket_balance(name) > 0) {
        char *closed = realloc(name, strlen(name) + 2);
        if (!closed) {
            free(name);
            return DOCKET_ERR_NO_MEMORY;
        }
        name = closed;
        strcat(name, ")");
    }
    if (!docket_aliases_lookup(aliases, DOCKET_ALIAS_COMPANY, name))
        drop_partner_suffix(name);

    docket_status status = apply_alias(aliases, DOCKET_ALIAS_COMPANY, &name);
    if (status != DOCKET_OK) {
        free(name);
        return status;
    }
    *out = null_if_empty(name);
    return DOCKET_OK;
}
