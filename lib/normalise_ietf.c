/* normalise_ietf.c: Internet-Draft names and IETF meeting ids. */
#include "docket/normalise.h"

#include <stdio.h>
#include <string.h>

#include "normalise_private.h"

/* ---- Internet-Draft names ---- */

/* Return the length of the run of letters and digits at `s`. */
static size_t word_length(const char *s)
{
    size_t n = 0;
    while (ascii_alnum((unsigned char)s[n]))
        n++;
    return n;
}

static bool all_digits(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!ascii_digit((unsigned char)s[i]))
            return false;
    }
    return len > 0;
}

/* Match a draft name at `s`, which starts with "draft-". Return the bytes
 * it spans, 0 when it is none, and the bytes of its name without the
 * version through `name_length`. */
static size_t match_draft(const char *s, size_t *name_length, size_t *words)
{
    size_t at = 6, last_start = 0, last_length = 0;
    *words = 0;
    for (;;) {
        size_t n = word_length(s + at);
        if (n == 0)
            break;
        last_start = at;
        last_length = n;
        (*words)++;
        at += n;
        if (s[at] != '-' || !ascii_alnum((unsigned char)s[at + 1]))
            break;
        at++;
    }
    if (*words == 0)
        return 0;

    /* A last word of two digits is the version: "-13". */
    *name_length = at;
    if (*words > 1 && last_length == 2 && all_digits(s + last_start, 2)) {
        *name_length = last_start - 1;
        (*words)--;
    }
    return at;
}

/* Return true when the draft name of `words` words after "draft-" names a
 * document: two words at least, three for draft-ietf-WG-NAME. */
static bool enough_words(const char *s, size_t words)
{
    bool wg_draft = (starts_with_nocase(s + 6, "ietf-") || starts_with_nocase(s + 6, "irtf-"));
    return words >= (wg_draft ? 3u : 2u);
}

const char *docket_draft_find(const char *text, char out[DOCKET_DRAFT_SIZE], size_t *length)
{
    for (const char *s = text; (s = strchr(s, '-')) != NULL; s++) {
        if (s - text < 5 || !starts_with_nocase(s - 5, "draft"))
            continue;
        const char *start = s - 5;
        if (start > text && ascii_alnum((unsigned char)start[-1]))
            continue;

        size_t name_length, words;
        size_t span = match_draft(start, &name_length, &words);
        if (span == 0 || !enough_words(start, words) || name_length >= DOCKET_DRAFT_SIZE)
            continue;
        for (size_t i = 0; i < name_length; i++)
            out[i] = (char)ascii_tolower((unsigned char)start[i]);
        out[name_length] = '\0';
        if (length)
            *length = span;
        return start;
    }
    return NULL;
}

/* ---- IETF meeting ids ---- */

bool docket_ietf_meeting_id(const char *text, char *out, size_t size)
{
    for (const char *s = text; *s; s++) {
        if (!starts_with_nocase(s, "ietf") || (s > text && ascii_alnum((unsigned char)s[-1])))
            continue;
        const char *number = s + 4;
        if (*number == ' ' || *number == '-')
            number++;
        size_t n = 0;
        while (ascii_digit((unsigned char)number[n]))
            n++;
        /* "ietf802.m3u" is a file name, not a meeting. */
        bool extension = number[n] == '.' && ascii_alnum((unsigned char)number[n + 1]);
        if (n < 2 || n > 3 || ascii_alnum((unsigned char)number[n]) || extension)
            continue;
        return snprintf(out, size, "IETF%.*s", (int)n, number) < (int)size;
    }
    return false;
}
