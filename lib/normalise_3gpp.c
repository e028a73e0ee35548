/* normalise_3gpp.c: 3GPP working-group names, meeting ids and bare
 * specification numbers. */
#include "docket/normalise.h"

#include <stdio.h>
#include <string.h>

#include "normalise_private.h"

/* The technical specification groups: the name as 3GPP writes it and the
 * first letter of its document numbers. */
static const struct {
    const char *name;
    char letter;
} groups[] = {
    {"GERAN", 'G'},
    {"RAN", 'R'},
    {"SA", 'S'},
    {"CT", 'C'},
};

static bool word_end(unsigned char c)
{
    return !ascii_alnum(c);
}

static size_t count_digits(const char *s)
{
    size_t n = 0;
    while (ascii_digit((unsigned char)s[n]))
        n++;
    return n;
}

bool docket_3gpp_wg(const char *prefix, char *out, size_t size)
{
    char second = prefix[0] ? prefix[1] : '\0';
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        if (prefix[0] != groups[i].letter)
            continue;
        if (second == 'P')
            return snprintf(out, size, "%s", groups[i].name) < (int)size;
        if (second >= '1' && second <= '6')
            return snprintf(out, size, "%s%c", groups[i].name, second) < (int)size;
    }
    return false;
}

bool docket_3gpp_wg_long_name(const char *wg, char *out, size_t size)
{
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        size_t n = strlen(groups[i].name);
        if (strncmp(wg, groups[i].name, n) != 0)
            continue;
        if (wg[n] == '\0')
            return snprintf(out, size, "TSG %s", groups[i].name) < (int)size;
        if (wg[n] >= '1' && wg[n] <= '6' && wg[n + 1] == '\0')
            return snprintf(out, size, "%s WG%c", groups[i].name, wg[n]) < (int)size;
    }
    return false;
}

/* ---- Meeting ids ---- */

/* Match the name of a group at `s`: "SA WG2", "TSG-SA WG2", "3GPP TSG SA",
 * "SA2". Write the short name to `wg` and return the bytes matched, or 0. */
static size_t match_group_name(const char *s, char wg[16])
{
    size_t at = 0;
    bool tsg = false;

    if (starts_with_nocase(s, "3GPP "))
        at += 5;
    if (starts_with_nocase(s + at, "TSG") && s[at + 3] && strchr("- _", s[at + 3])) {
        tsg = true;
        at += 4;
    }
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        size_t n = strlen(groups[i].name);
        if (strncmp(s + at, groups[i].name, n) != 0)
            continue;
        size_t end = at + n;
        if (s[end] && strchr(" -_", s[end]) && strncmp(s + end + 1, "WG", 2) == 0)
            end += 3;
        else if (strncmp(s + end, "WG", 2) == 0)
            end += 2;
        if (s[end] >= '1' && s[end] <= '6' && word_end((unsigned char)s[end + 1])) {
            snprintf(wg, 16, "%s%c", groups[i].name, s[end]);
            return end + 1;
        }
        if (tsg && end == at + n && word_end((unsigned char)s[end])) {
            snprintf(wg, 16, "%s", groups[i].name);
            return end;
        }
    }
    return 0;
}

/* Match a document prefix and hyphen at `s` ("S2-"), writing the group to
 * `wg`. Return the bytes matched, or 0. */
static size_t match_prefix(const char *s, char wg[16], char separator)
{
    if (!docket_3gpp_wg(s, wg, 16) || s[2] != separator)
        return 0;
    return 3;
}

/* Match a meeting number and its suffix at `s` ("129BIS", "129-bis",
 * "136e"), writing "129bis" to `number`. Return the bytes matched, or 0. */
static size_t match_meeting_number(const char *s, char number[24])
{
    static const char *const spelled[] = {"quater", "bis", "ter"};
    size_t n = count_digits(s);
    if (n == 0 || n > 4)
        return 0;
    snprintf(number, 24, "%.*s", (int)n, s);

    size_t gap = (s[n] == '-' || s[n] == ' ' || s[n] == '_') ? 1 : 0;
    for (size_t i = 0; i < sizeof spelled / sizeof spelled[0]; i++) {
        size_t len = strlen(spelled[i]);
        if (starts_with_nocase(s + n + gap, spelled[i]) &&
            word_end((unsigned char)s[n + gap + len])) {
            snprintf(number + n, 24 - n, "%s", spelled[i]);
            return n + gap + len;
        }
    }

    /* Letters written right after the digits: "136E", "56b". */
    size_t letters = 0;
    while (letters < 3 && ascii_alpha((unsigned char)s[n + letters]))
        letters++;
    if (letters == 0 || !word_end((unsigned char)s[n + letters]))
        return ascii_alnum((unsigned char)s[n]) ? 0 : n;
    for (size_t i = 0; i < letters; i++)
        number[n + i] = (char)ascii_tolower((unsigned char)s[n + i]);
    number[n + letters] = '\0';
    return n + letters;
}

/* Match "SA WG2 Meeting #129bis" or "SA2#128" at `s`. */
static bool match_named_meeting(const char *s, char wg[16], char number[24])
{
    size_t at = match_group_name(s, wg);
    if (at == 0)
        return false;
    while (s[at] == ' ')
        at++;
    if (starts_with_nocase(s + at, "Meeting")) {
        at += 7;
        while (s[at] == ' ')
            at++;
    }
    if (s[at] != '#')
        return false;
    at++;
    while (s[at] == ' ')
        at++;

    /* "#S2-129BIS": the meeting written with the document prefix. */
    char ignored[16];
    at += match_prefix(s + at, ignored, '-');
    return match_meeting_number(s + at, number) > 0;
}

/* Match "S2-128", "S2-129-BIS" or "S2#127BIS" at `s`. */
static bool match_prefixed_meeting(const char *s, char wg[16], char number[24])
{
    size_t at = match_prefix(s, wg, '-');
    if (at == 0)
        at = match_prefix(s, wg, '#');
    return at > 0 && match_meeting_number(s + at, number) > 0;
}

bool docket_3gpp_meeting_id(const char *text, char *out, size_t size)
{
    for (const char *s = text; *s; s++) {
        if (s > text && ascii_alnum((unsigned char)s[-1]))
            continue;
        char wg[16], number[24];
        if (match_named_meeting(s, wg, number) || match_prefixed_meeting(s, wg, number))
            return snprintf(out, size, "%s#%s", wg, number) < (int)size;
    }
    return false;
}

/* ---- Specification numbers ---- */

size_t docket_3gpp_spec_at(const char *text, char out[DOCKET_SPEC_SIZE])
{
    size_t at = 0;
    const char *kind = NULL;
    if ((strncmp(text, "TS", 2) == 0 || strncmp(text, "TR", 2) == 0) && text[2] == ' ') {
        kind = strncmp(text, "TS", 2) == 0 ? "TS" : "TR";
        at = 3;
    }

    const char *s = text + at;
    if (count_digits(s) != 2 || s[2] != '.' || count_digits(s + 3) != 3 ||
        ascii_alnum((unsigned char)s[6]) || (s[6] == '.' && ascii_digit((unsigned char)s[7])))
        return 0;
    if (!kind)
        kind = s[3] >= '7' ? "TR" : "TS";
    snprintf(out, DOCKET_SPEC_SIZE, "%s %.6s", kind, s);
    return at + 6;
}
