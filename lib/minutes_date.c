/* minutes_date.c: dates as minutes write them ("2020-04-29", "29-04-2020",
 * "Monday, 7 November 2022", "Mar 19, 2018", "13-14 June 2013"). A date
 * needs a day, a month and a four-digit year next to each other, so that
 * "Issue 30" or "we may" alone is no date. */
#include <stdio.h>
#include <string.h>

#include "minutes.h"
#include "normalise_private.h"

#define MAX_TOKENS 256

typedef enum token_kind { TOKEN_NUMBER, TOKEN_WORD, TOKEN_MARK } token_kind;

typedef struct date_token {
    token_kind kind;
    int value;       /* a number's value, a month word's month (1-12), else 0 */
    size_t digits;   /* digits of a number */
    char mark;       /* '-', '/', '.', ',' or 0 for other punctuation */
    bool spaced;     /* white space came before the token */
} date_token;

static const char *const month_names[] = {"january", "february", "march",     "april",
                                          "may",     "june",     "july",      "august",
                                          "september", "october", "november", "december"};

/* Return the month a word names in full or by its first three letters
 * ("Sept" too), else 0. */
static int month_of(const char *word, size_t len)
{
    char lower[16];
    if (len < 3 || len >= sizeof lower)
        return 0;
    for (size_t i = 0; i < len; i++)
        lower[i] = (char)ascii_tolower((unsigned char)word[i]);
    lower[len] = '\0';
    for (int m = 0; m < 12; m++) {
        if (strcmp(lower, month_names[m]) == 0 || (len == 3 && strncmp(lower, month_names[m], 3) == 0))
            return m + 1;
    }
    return strcmp(lower, "sept") == 0 ? 9 : 0;
}

/* Return the length of a mark at `s` and set `*mark`: ASCII punctuation,
 * or an en dash, which counts as '-'. */
static size_t read_mark(const char *s, char *mark)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x93 || u[2] == 0x94)) {
        *mark = '-';
        return 3;
    }
    *mark = strchr("-/.,", *s) ? *s : 0;
    return 1;
}

static size_t tokenize(const char *text, date_token *tokens, size_t max)
{
    size_t count = 0;
    bool spaced = true;
    for (const char *s = text; *s && count < max;) {
        if (ascii_space((unsigned char)*s)) {
            spaced = true;
            s++;
            continue;
        }
        date_token *t = &tokens[count++];
        memset(t, 0, sizeof *t);
        t->spaced = spaced;
        spaced = false;
        size_t n = 0;
        if (ascii_digit((unsigned char)*s)) {
            t->kind = TOKEN_NUMBER;
            for (; ascii_digit((unsigned char)s[n]) && n < 9; n++)
                t->value = t->value * 10 + (s[n] - '0');
            while (ascii_digit((unsigned char)s[n]))
                n++;
            t->digits = n;
        } else if (ascii_alpha((unsigned char)*s)) {
            t->kind = TOKEN_WORD;
            while (ascii_alpha((unsigned char)s[n]))
                n++;
            t->value = month_of(s, n);
        } else {
            t->kind = TOKEN_MARK;
            n = read_mark(s, &t->mark);
        }
        s += n;
    }
    return count;
}

/* ---- Patterns ---- */

typedef struct token_cursor {
    const date_token *tokens;
    size_t count;
    size_t at;
} token_cursor;

static const date_token *peek(const token_cursor *c)
{
    return c->at < c->count ? &c->tokens[c->at] : NULL;
}

static bool take_number(token_cursor *c, size_t min_digits, size_t max_digits, int *value)
{
    const date_token *t = peek(c);
    if (!t || t->kind != TOKEN_NUMBER || t->digits < min_digits || t->digits > max_digits)
        return false;
    *value = t->value;
    c->at++;
    return true;
}

static bool take_mark(token_cursor *c, char mark)
{
    const date_token *t = peek(c);
    if (!t || t->kind != TOKEN_MARK || t->mark != mark)
        return false;
    c->at++;
    return true;
}

static bool take_month(token_cursor *c, int *month)
{
    const date_token *t = peek(c);
    if (!t || t->kind != TOKEN_WORD || t->value == 0)
        return false;
    *month = t->value;
    c->at++;
    return true;
}

/* The tokens of a numeric date follow each other without spaces. */
static bool adjacent(const token_cursor *c, size_t from)
{
    for (size_t i = from + 1; i < c->at; i++) {
        if (c->tokens[i].spaced)
            return false;
    }
    return true;
}

static bool valid(int year, int month, int day)
{
    return year >= 1980 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* "2020-04-29" */
static bool iso_date(token_cursor c, int *year, int *month, int *day)
{
    size_t from = c.at;
    return take_number(&c, 4, 4, year) && take_mark(&c, '-') && take_number(&c, 1, 2, month) &&
           take_mark(&c, '-') && take_number(&c, 1, 2, day) && adjacent(&c, from);
}

/* "29-04-2020", "29.04.2020", "29/04/2020": the day first, unless only the
 * second number can be a day. */
static bool numeric_date(token_cursor c, int *year, int *month, int *day)
{
    size_t from = c.at;
    int first, second;
    char mark = c.at + 1 < c.count ? c.tokens[c.at + 1].mark : 0;
    if (!mark || mark == ',')
        return false;
    if (!(take_number(&c, 1, 2, &first) && take_mark(&c, mark) && take_number(&c, 1, 2, &second) &&
          take_mark(&c, mark) && take_number(&c, 4, 4, year) && adjacent(&c, from)))
        return false;
    bool month_first = first <= 12 && second > 12;
    *day = month_first ? second : first;
    *month = month_first ? first : second;
    return true;
}

/* An optional end of a day range: "-14" or "-February 1". */
static void skip_range_end(token_cursor *c)
{
    token_cursor save = *c;
    int ignored;
    if (!take_mark(c, '-'))
        return;
    if (take_number(c, 1, 2, &ignored))
        return;
    if (take_month(c, &ignored) && take_number(c, 1, 2, &ignored))
        return;
    *c = save;
}

/* "7 November 2022", "13-14 June 2013", "22-24 January, 2014". */
static bool day_month_year(token_cursor c, int *year, int *month, int *day)
{
    if (!take_number(&c, 1, 2, day))
        return false;
    skip_range_end(&c);
    take_mark(&c, ',');
    if (!take_month(&c, month))
        return false;
    take_mark(&c, '.');
    take_mark(&c, ',');
    return take_number(&c, 4, 4, year);
}

/* "July 30, 2009", "Mar 19, 2018", "January 30-February 1, 2013". */
static bool month_day_year(token_cursor c, int *year, int *month, int *day)
{
    if (!take_month(&c, month))
        return false;
    take_mark(&c, '.');
    if (!take_number(&c, 1, 2, day))
        return false;
    skip_range_end(&c);
    take_mark(&c, ',');
    return take_number(&c, 4, 4, year);
}

typedef bool (*date_pattern)(token_cursor c, int *year, int *month, int *day);

bool min_find_date(const char *text, char out[11])
{
    static const date_pattern patterns[] = {iso_date, numeric_date, day_month_year,
                                            month_day_year};
    date_token tokens[MAX_TOKENS];
    token_cursor c = {tokens, tokenize(text, tokens, MAX_TOKENS), 0};

    for (; c.at < c.count; c.at++) {
        for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
            int year, month, day;
            if (patterns[i](c, &year, &month, &day) && valid(year, month, day)) {
                snprintf(out, 11, "%04d-%02d-%02d", year, month, day);
                return true;
            }
        }
    }
    return false;
}

/* "May 2020", "June, 2013": a month word and a year with no day before. */
bool min_find_month(const char *text, char out[8])
{
    char date[11];
    if (min_find_date(text, date)) {
        memcpy(out, date, 7);
        out[7] = '\0';
        return true;
    }

    date_token tokens[MAX_TOKENS];
    token_cursor c = {tokens, tokenize(text, tokens, MAX_TOKENS), 0};
    for (; c.at < c.count; c.at++) {
        token_cursor m = c;
        int month, year;
        if (!take_month(&m, &month))
            continue;
        take_mark(&m, ',');
        if (take_number(&m, 4, 4, &year) && valid(year, month, 1)) {
            snprintf(out, 8, "%04d-%02d", year, month);
            return true;
        }
    }
    return false;
}

bool min_names_weekday(const char *text)
{
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
    for (const char *s = text; *s; s++) {
        if (s > text && ascii_alpha((unsigned char)s[-1]))
            continue;
        for (size_t i = 0; i < 7; i++) {
            if (starts_with_nocase(s, days[i]) && !ascii_alpha((unsigned char)s[strlen(days[i])]))
                return true;
        }
    }
    return false;
}
