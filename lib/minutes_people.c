/* minutes_people.c: participants of minutes (tables and lists), speakers
 * of "Name: ..." lines, and the short names people go by ("CB", "mnot"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/record.h"
#include "minutes.h"
#include "normalise_private.h"

#define NAME_BYTES 128
#define MAX_NAME_WORDS 5

/* Words that make a "Word: ..." line a label, not a speaker. */
static const char *const stop_words[] = {
    "a",         "absent",    "abstract",  "access",    "action",      "actions",    "ad",
    "agenda",    "agreed",    "agreement",    "all",       "also",      "answer",      "aob",        "approved",
    "attendees", "audio",     "author",    "authors",     "background", "bcp",
    "call",      "caution",   "chair",     "chairs",      "change",     "changes",
    "charter",   "chat",      "closed",    "code",        "comment",    "comments",
    "conclusion", "consensus", "context",  "current",     "date",       "dates",
    "deadline",  "decision",  "decisions", "description", "dial",       "discussion",
    "document",  "documents", "done",      "draft",       "drafts",     "edit",
    "editor",    "editors",   "email",     "etherpad",    "example",    "feedback",
    "fyi",       "github",    "goal",      "goals",       "hint",       "http",
    "https",     "hum",       "hums",      "iana",      "idea",      "ideas",     "iesg",      "ietf",        "implementation", "implementations",
    "important", "info",
    "issue",     "issues",    "item",      "items",       "jabber",     "link",
    "links",     "location",  "mailto",    "material",    "materials",  "meeting",
    "meetecho",  "milestone", "milestones", "minute",     "minutes",    "monitor",
    "motion",    "new",       "next",      "nb",          "no",         "note",
    "notes",     "notetaker", "notetakers",     "notice",    "number",    "objective",   "objectives", "observers",
    "ok",        "old",       "open",      "option",      "options",    "outcome",
    "participants", "password", "pending", "phone",       "plan",       "pr",        "published",
    "present",   "presentation", "presented", "presenter", "presenters", "previous",
    "problem",   "proposal",  "proposed",  "ps",          "q",          "question",
    "questions", "rationale", "re",        "reason",    "recap",      "recording",  "reference",
    "references", "remote",   "reply",     "requirement", "requirements", "resolution",
    "response",  "result",    "results",   "rfc",         "room",       "schedule",
    "scope",     "scribe",    "scribes",   "see",         "session",    "slides",
    "solution",  "status",    "stream",    "summary",     "takers",     "tc",
    "ticket",    "tickets",   "time",      "timeline",    "tip",        "todo",
    "topic",     "topics",    "update",    "updates",     "url",        "video",
    "warning",   "well",      "wg",        "webex",       "why",        "yes",
    "zulip",     "monday",    "tuesday",   "wednesday",   "thursday",   "friday",
    "saturday",  "sunday",    "january",   "february",    "march",      "april",
    "may",       "june",      "july",      "august",      "september",  "october",
    "november",  "december",
};

/* Small words of family names ("Peter van der Stok"). */
static const char *const particles[] = {"van", "von", "der", "den", "de", "da", "di", "du",
                                        "la",  "le",  "del", "dos", "das", "ter", "ten", "zu"};

static bool word_in(const char *word, size_t len, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (strlen(list[i]) == len && starts_with_nocase(word, list[i]))
            return true;
    }
    return false;
}

static bool is_stop_word(const char *word, size_t len)
{
    return word_in(word, len, stop_words, sizeof stop_words / sizeof stop_words[0]);
}

static bool is_particle(const char *word, size_t len)
{
    return word_in(word, len, particles, sizeof particles / sizeof particles[0]);
}

/* A capital letter: ASCII, or Latin-1 in UTF-8 (C3 80..9E), or any other
 * non-ASCII letter, whose case is not checked. */
static bool capital_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (ascii_upper(u[0]))
        return true;
    if (u[0] == 0xC3)
        return u[1] >= 0x80 && u[1] <= 0x9E && u[1] != 0x97;
    return u[0] >= 0xC4;
}

static bool name_byte(unsigned char c)
{
    return ascii_alpha(c) || c >= 0x80 || c == '-' || c == '\'' || c == '.';
}

/* Return the number of words of `name` when it is a person's full name:
 * two to five words of letters, each capitalised except family-name
 * particles, no label word; else 0. */
static size_t full_name_words(const char *name)
{
    size_t words = 0, len = strlen(name);
    if (len == 0 || len >= NAME_BYTES)
        return 0;
    for (const char *s = name; *s;) {
        size_t n = 0;
        while (s[n] && s[n] != ' ') {
            if (!name_byte((unsigned char)s[n]))
                return 0;
            n++;
        }
        bool particle = words > 0 && is_particle(s, n);
        bool possessive = n > 2 && s[n - 2] == '\'' && s[n - 1] == 's';
        if (n == 0 || is_stop_word(s, n) || possessive || (!particle && !capital_at(s)))
            return 0;
        words++;
        s += n;
        while (*s == ' ')
            s++;
    }
    return words >= 2 && words <= MAX_NAME_WORDS ? words : 0;
}

static void trim_in_place(char *s)
{
    size_t len = strlen(s), lead = 0;
    while (len && (ascii_space((unsigned char)s[len - 1]) || s[len - 1] == ','))
        s[--len] = '\0';
    while (ascii_space((unsigned char)s[lead]))
        lead++;
    memmove(s, s + lead, len - lead + 1);
}

/* Write the spelling of person `typed` to `out`: the people table's when
 * it lists the name, else the name with its spaces collapsed. Unlike
 * docket_person_normalise it keeps words in capitals, because in these
 * minutes they are initials ("JD Stefaniak"), not family names. */
static void person_name(const min_parser *p, const char *typed, char *out, size_t size)
{
    const char *canonical = docket_aliases_lookup(p->aliases, DOCKET_ALIAS_PERSON, typed);
    size_t n = 0;
    for (const char *s = canonical ? canonical : typed; *s && n + 1 < size; s++) {
        if (ascii_space((unsigned char)*s) && (n == 0 || out[n - 1] == ' '))
            continue;
        out[n++] = ascii_space((unsigned char)*s) ? ' ' : *s;
    }
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}

/* ---- Known names and short names ---- */

static bool has_name(const min_parser *p, const char *name)
{
    size_t index;
    json_t *item;
    json_array_foreach(p->names, index, item) {
        if (strcmp(json_string_value(item), name) == 0)
            return true;
    }
    return false;
}

static void add_name(min_parser *p, const char *name)
{
    if (p->status != DOCKET_OK || has_name(p, name))
        return;
    if (json_array_append_new(p->names, json_string(name)) != 0)
        min_fail(p, DOCKET_ERR_NO_MEMORY);
}

/* Whether `abbreviation` can stand for `name`: capitals (with small
 * letters between them, "PvdS", "MNot") starting with an initial of the
 * name, or a lowercase handle starting with the first name's initial
 * ("mnot"). A capitalised word ("Cisco") is a company, not a short name. */
static bool fits_name(const char *abbreviation, size_t len, const char *name)
{
    size_t capitals = 0;
    for (size_t i = 0; i < len; i++) {
        if (!ascii_alpha((unsigned char)abbreviation[i]))
            return false;
        capitals += ascii_upper((unsigned char)abbreviation[i]);
    }
    char first = (char)ascii_tolower((unsigned char)abbreviation[0]);
    const char *last = strrchr(name, ' ');
    bool initial = first == ascii_tolower((unsigned char)name[0]) ||
                   (last && first == ascii_tolower((unsigned char)last[1]));
    if (capitals == 0)
        return len >= 2 && len <= 8 && first == ascii_tolower((unsigned char)name[0]);
    return len <= 6 && (capitals >= 2 || len == 1) && initial;
}

/* Remember that `abbreviation` ("CB", "mnot") is `typed` ("Carsten
 * Bormann"); the first explanation of a short name wins. */
static void learn_abbreviation(min_parser *p, const char *abbreviation, size_t len,
                               const char *typed)
{
    char key[16], name[NAME_BYTES];
    if (len == 0 || len >= sizeof key || full_name_words(typed) == 0 ||
        !fits_name(abbreviation, len, typed))
        return;
    for (size_t i = 0; i < len; i++)
        key[i] = (char)ascii_tolower((unsigned char)abbreviation[i]);
    key[len] = '\0';

    person_name(p, typed, name, sizeof name);
    if (p->status == DOCKET_OK && !json_object_get(p->abbreviations, key) &&
        json_object_set_new(p->abbreviations, key, json_string(name)) != 0)
        min_fail(p, DOCKET_ERR_NO_MEMORY);
    add_name(p, name);
}

/* "<abbr title="Marco Tiloca">MT</abbr>" in minutes saved as HTML. */
static void learn_html_abbreviations(min_parser *p, const char *raw)
{
    for (const char *s = raw; (s = strstr(s, "<abbr title=\"")) != NULL;) {
        s += 13;
        const char *quote = strchr(s, '"');
        const char *close = quote ? strstr(quote, "</abbr>") : NULL;
        if (!close || quote[1] != '>' || quote - s >= NAME_BYTES)
            return;
        char name[NAME_BYTES];
        snprintf(name, sizeof name, "%.*s", (int)(quote - s), s);
        learn_abbreviation(p, quote + 2, (size_t)(close - quote - 2), name);
        s = close;
    }
}

/* "*[CB]: Carsten Bormann", the Markdown abbreviation syntax. */
static void learn_legend(min_parser *p, const char *s)
{
    if (*s == '*')
        s++;
    const char *close = *s == '[' ? strchr(s, ']') : NULL;
    if (!close || close[1] != ':')
        return;
    char name[NAME_BYTES];
    snprintf(name, sizeof name, "%s", close + 2);
    min_utf8_cut(name);
    trim_in_place(name);
    learn_abbreviation(p, s + 1, (size_t)(close - s - 1), name);
}

/* The words before `end` that make a name ("... by Mark Nottingham"). */
static bool name_before(const char *line, const char *end, char *name, size_t size)
{
    const char *start = end;
    size_t words = 0;
    while (start > line && words < 4) {
        const char *w = start;
        while (w > line && w[-1] == ' ')
            w--;
        const char *word_end = w;
        while (w > line && name_byte((unsigned char)w[-1]))
            w--;
        size_t n = (size_t)(word_end - w);
        if (n == 0 || is_stop_word(w, n) || (!capital_at(w) && !is_particle(w, n)))
            break;
        start = w;
        words++;
    }
    if (words < 2 || (size_t)(end - start) >= size)
        return false;
    snprintf(name, size, "%.*s", (int)(end - start), start);
    trim_in_place(name);
    return full_name_words(name) > 0;
}

/* "Mark Nottingham (mnot)", "Mike Bishop (MB) presenting", "Klaus Hartke
 * [KH] presenting", "Mark Nottingham (mnot/MN)": a name followed by its
 * short names. */
static void learn_bracketed(min_parser *p, const char *line)
{
    for (const char *open = line; (open = strpbrk(open, "([")) != NULL; open++) {
        const char *close = strchr(open, *open == '(' ? ')' : ']');
        char name[NAME_BYTES];
        if (!close || close - open > 20 || !name_before(line, open, name, sizeof name))
            continue;
        for (const char *a = open + 1; a < close;) {
            size_t n = strcspn(a, "/)]");
            learn_abbreviation(p, a, n, name);
            a += n + (a[n] == '/');
        }
    }
}

/* ---- Speakers ---- */

/* Return the end of a chat nickname "<Julian>" at `s`, or NULL. */
static const char *chat_tag(const char *s, char *tag, size_t size)
{
    const char *close = strchr(s, '>');
    if (!close || close - s > 40 || close == s + 1)
        return NULL;
    for (const char *c = s + 1; c < close; c++) {
        if (!name_byte((unsigned char)*c) && *c != ' ' && *c != '_')
            return NULL;
    }
    snprintf(tag, size, "%.*s", (int)(close - s - 1), s + 1);
    return close + 1;
}

/* Return the end of a bracketed name "[Carsten] ..." or "[Jim]: ..." at
 * `s`, or NULL; "[text](url)" is a link, not a name. */
static const char *bracket_tag(const char *s, char *tag, size_t size)
{
    const char *close = strchr(s, ']');
    if (!close || close - s > 40 || close == s + 1 || close[1] == '(' || close[1] == '[')
        return NULL;
    snprintf(tag, size, "%.*s", (int)(close - s - 1), s + 1);
    const char *after = close + 1;
    if (*after == ':')
        after++;
    while (*after == ' ')
        after++;
    return *after ? after : NULL;
}

/* Check the characters of a tag: a letter first; letters, spaces and
 * name punctuation outside brackets, anything but a colon inside. */
static bool tag_characters_valid(const char *tag)
{
    int depth = 0;
    if (!ascii_alpha((unsigned char)tag[0]) && (unsigned char)tag[0] < 0x80)
        return false;
    for (const char *s = tag; *s; s++) {
        depth += (*s == '(') - (*s == ')');
        if (depth < 0 || depth > 1)
            return false;
        if (depth == 0 && *s != ')' && !name_byte((unsigned char)*s) && !strchr(" ,/", *s))
            return false;
    }
    return depth == 0;
}

const char *min_speaker_tag(const char *content, char *tag, size_t size)
{
    const char *s = content;
    while (*s == '*' || *s == '_' || *s == ' ')
        s++;
    if (*s == '<')
        return chat_tag(s, tag, size);
    if (*s == '[')
        return bracket_tag(s, tag, size);

    size_t n = 0;
    while (s[n] && s[n] != ':' && n < 80)
        n++;
    if (s[n] != ':' || s[n + 1] == '/' || n >= size)
        return NULL;
    snprintf(tag, size, "%.*s", (int)n, s);
    size_t len = strlen(tag);
    while (len && (tag[len - 1] == '*' || tag[len - 1] == '_' || tag[len - 1] == ' '))
        tag[--len] = '\0';
    if (len == 0 || !tag_characters_valid(tag))
        return NULL;

    const char *after = s + n + 1;
    while (*after == ' ' || *after == '*' || *after == '_')
        after++;
    return *after ? after : NULL;
}

/* Split a speaker tag into the name and the text in brackets: "CB (p3)",
 * "Roy Fielding, as co-author", "MNot with chair hat", "Mark/stpeter". */
static void split_tag(const char *tag, char *name, size_t name_size, char *note, size_t note_size)
{
    snprintf(name, name_size, "%s", tag);
    note[0] = '\0';
    const char *open = strchr(tag, '(');
    const char *close = open ? strchr(open, ')') : NULL;
    if (close)
        snprintf(note, note_size, "%.*s", (int)(close - open - 1), open + 1);

    name[strcspn(name, "(,/")] = '\0';
    static const char *const cuts[] = {" as ", " with ", " on ", " for ", " from "};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        char *cut = strstr(name, cuts[i]);
        if (cut)
            *cut = '\0';
    }
    trim_in_place(name);
}

/* Count the words of `name`; 0 when one of them is a label word. */
static size_t speaker_words(const char *name)
{
    size_t words = 0;
    for (const char *s = name; *s;) {
        size_t n = strcspn(s, " ");
        if (n && is_stop_word(s, n))
            return 0;
        words += n > 0;
        s += n;
        while (*s == ' ')
            s++;
    }
    return words;
}

bool min_is_speaker_line(const char *content)
{
    char tag[NAME_BYTES], name[NAME_BYTES], note[NAME_BYTES];
    if (!min_speaker_tag(content, tag, sizeof tag))
        return false;
    split_tag(tag, name, sizeof name, note, sizeof note);
    size_t words = speaker_words(name);
    return words >= 1 && words <= 4 && capital_at(name);
}

bool min_is_spoken(const char *content)
{
    char tag[NAME_BYTES], name[NAME_BYTES], note[NAME_BYTES];
    if (!min_speaker_tag(content, tag, sizeof tag))
        return false;
    split_tag(tag, name, sizeof name, note, sizeof note);
    size_t words = speaker_words(name);
    return words >= 1 && words <= 4;
}

/* The initials of `name` with the case of each word's first letter:
 * "Peter van der Stok" gives "PvdS". */
static void initials_of(const char *name, char *out, size_t size)
{
    size_t n = 0;
    for (const char *s = name; *s && n + 1 < size; s++) {
        if ((s == name || s[-1] == ' ') && ascii_alpha((unsigned char)*s))
            out[n++] = *s;
    }
    out[n] = '\0';
}

static bool first_word_is(const char *name, const char *word)
{
    size_t len = strlen(word);
    return strncmp(name, word, len) == 0 && name[len] == ' ';
}

static bool last_word_is(const char *name, const char *word)
{
    const char *last = strrchr(name, ' ');
    return last && strcmp(last + 1, word) == 0;
}

/* The one known full name whose initials are `token` (capitals) or whose
 * first name, else family name, is `token`; NULL when none or several. */
static const char *unique_match(const min_parser *p, const char *token)
{
    bool capitals = ascii_upper((unsigned char)token[0]) && ascii_upper((unsigned char)token[strlen(token) - 1]);
    for (int pass = 0; pass < 2; pass++) {
        const char *found = NULL;
        size_t matches = 0, index;
        json_t *item;
        json_array_foreach(p->names, index, item) {
            const char *name = json_string_value(item);
            char initials[16];
            initials_of(name, initials, sizeof initials);
            bool match = capitals ? strcmp(initials, token) == 0
                                  : (pass == 0 ? first_word_is(name, token) : last_word_is(name, token));
            if (match) {
                found = name;
                matches++;
            }
        }
        if (matches == 1)
            return found;
        if (capitals || matches > 1)
            return NULL;
    }
    return NULL;
}

/* Write the speaker `name` stands for to `out`: a full name as given, a
 * short name resolved through what the document says, or a capitalised
 * short name as written. False when it is no speaker. */
static bool resolve_speaker(const min_parser *p, const char *name, char *out, size_t size)
{
    size_t words = speaker_words(name);
    if (words >= 2)
        return full_name_words(name) > 0 && snprintf(out, size, "%s", name) < (int)size;
    if (words != 1)
        return false;

    char key[NAME_BYTES];
    size_t len = strlen(name);
    for (size_t i = 0; i <= len; i++)
        key[i] = (char)ascii_tolower((unsigned char)name[i]);
    const char *full = json_string_value(json_object_get(p->abbreviations, key));
    if (!full)
        full = unique_match(p, name);
    if (!full && !capital_at(name))
        return false;
    return snprintf(out, size, "%s", full ? full : name) < (int)size;
}

static void add_speaker(min_parser *p, const char *speaker)
{
    char name[NAME_BYTES];
    person_name(p, speaker, name, sizeof name);
    min_add(p, p->current, "speakers", name);
    if (strchr(name, ' '))
        add_name(p, name);
}

/* "*[CB]: Carsten Bormann" explains a short name; nobody speaks. */
static bool is_legend(const char *content)
{
    const char *close = strchr(content, ']');
    return strncmp(content, "*[", 2) == 0 && close && close[1] == ':';
}

void min_scan_speaker(min_parser *p, const min_line *line)
{
    char tag[NAME_BYTES], name[NAME_BYTES], note[NAME_BYTES], speaker[NAME_BYTES];
    if (!p->current || is_legend(line->content) ||
        !min_speaker_tag(line->content, tag, sizeof tag))
        return;
    split_tag(tag, name, sizeof name, note, sizeof note);
    if (resolve_speaker(p, name, speaker, sizeof speaker))
        add_speaker(p, speaker);
}

/* Full names that speaker tags give ("Martin Thomson: ..."). */
static void learn_speaker(min_parser *p, const char *line)
{
    char tag[NAME_BYTES], name[NAME_BYTES], note[NAME_BYTES], normal[NAME_BYTES];
    if (!min_speaker_tag(line, tag, sizeof tag))
        return;
    split_tag(tag, name, sizeof name, note, sizeof note);
    if (full_name_words(name) == 0)
        return;
    person_name(p, name, normal, sizeof normal);
    add_name(p, normal);
}

void min_learn_names(min_parser *p)
{
    char line[MIN_LINE_BYTES];
    for (size_t i = 0; i < p->text->count && p->status == DOCKET_OK; i++) {
        const char *raw = p->text->blocks[i].text;
        if (strstr(raw, "<abbr"))
            learn_html_abbreviations(p, raw);
        min_clean(raw, line, sizeof line);
        const char *s = min_skip_marker(line);
        learn_legend(p, s);
        learn_bracketed(p, s);
        learn_speaker(p, s);
    }
}

/* ---- Participants ---- */

typedef struct min_person {
    char name[NAME_BYTES];
    char company[NAME_BYTES]; /* "" when none */
} min_person;

/* Affiliations that name no company. */
static bool no_company(const char *company)
{
    static const char *const none[] = {"individual", "no affiliation", "none", "n/a", "-",
                                       "self", "independent", "unaffiliated"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        if (strlen(company) == strlen(none[i]) && starts_with_nocase(company, none[i]))
            return true;
    }
    return false;
}

/* Text in brackets after a name that is no company: an e-mail address
 * written out ("marco dot tiloca at ri dot se") or a role. */
static bool is_note(const char *text)
{
    static const char *const notes[] = {"@", " at ", " dot ", "chair", "member", "observer",
                                        "secretary", "editor", "remote", "chat", "present",
                                        "stand-in", "scribe", "presenter", "ad", "voting"};
    char lower[NAME_BYTES];
    snprintf(lower, sizeof lower, " %s ", text);
    for (char *c = lower; *c; c++)
        *c = (char)ascii_tolower((unsigned char)*c);
    for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++) {
        if (strstr(lower, notes[i]))
            return true;
    }
    return false;
}

/* Drop a trailing "(...)" group from `s`. */
static void drop_bracket_suffix(char *s)
{
    size_t len = strlen(s);
    char *open = strrchr(s, '(');
    if (len && s[len - 1] == ')' && open && open > s)
        *open = '\0';
    trim_in_place(s);
}

/* Drop words holding '@' (e-mail addresses after a name). */
static void drop_email_words(char *s)
{
    char *at;
    while ((at = strchr(s, '@')) != NULL) {
        char *start = at, *end = at;
        while (start > s && start[-1] != ' ')
            start--;
        while (*end && *end != ' ')
            end++;
        memmove(start, end, strlen(end) + 1);
    }
    trim_in_place(s);
}

/* Read "Name, Company (role)", "Name<tab>Company", "Name (Company)" or
 * "Name". */
static bool parse_person(const char *content, min_person *out)
{
    char line[2 * NAME_BYTES];
    if (strlen(content) >= sizeof line)
        return false;
    snprintf(line, sizeof line, "%s", content);
    char *tab = strchr(line, '\t');
    if (tab)
        *tab = ',';
    min_plain(line);

    char *comma = strchr(line, ',');
    size_t len = strlen(line);
    char *open = strrchr(line, '(');
    out->company[0] = '\0';
    if (comma) {
        *comma = '\0';
        snprintf(out->company, sizeof out->company, "%s", comma + 1);
        drop_bracket_suffix(out->company);
    } else if (len && line[len - 1] == ')' && open && open > line) {
        line[len - 1] = '\0';
        *open = '\0';
        if (!is_note(open + 1))
            snprintf(out->company, sizeof out->company, "%s", open + 1);
    }
    drop_bracket_suffix(line);
    drop_email_words(line);
    min_copy(out->name, sizeof out->name, line);
    min_utf8_cut(out->company);
    trim_in_place(out->company);
    if (no_company(out->company) || strchr(out->company, ':'))
        out->company[0] = '\0';
    return full_name_words(out->name) > 0;
}

static void add_participant(min_parser *p, const char *typed_name, const char *typed_company)
{
    char name[NAME_BYTES], *company = NULL;
    person_name(p, typed_name, name, sizeof name);
    if (p->status == DOCKET_OK && typed_company[0])
        min_fail(p, docket_company_normalise(p->aliases, typed_company, &company));

    if (p->status == DOCKET_OK && name[0]) {
        min_fail(p, docket_record_add_contributor(p->current, name, company));
        if (p->current != p->meeting)
            min_fail(p, docket_record_add_contributor(p->meeting, name, company));
        add_name(p, name);
        p->roster_people++;
    }
    free(company);
}

static bool names_roster(const char *title)
{
    static const char *const words[] = {"participants", "attendees", "attendance", "blue sheet",
                                        "bluesheet", "present"};
    for (const char *s = title; *s; s++) {
        if (s > title && ascii_alpha((unsigned char)s[-1]))
            continue;
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
            size_t n = strlen(words[i]);
            if (starts_with_nocase(s, words[i]) && (!ascii_alpha((unsigned char)s[n]) || s[n] == 's'))
                return true;
        }
    }
    return false;
}

void min_roster_heading(min_parser *p, const char *title)
{
    p->roster = p->id.roster_document || names_roster(title) ? MIN_ROSTER_SECTION
                                                              : MIN_ROSTER_NONE;
    p->roster_people = 0;
}

void min_roster_blank(min_parser *p)
{
    if (p->roster == MIN_ROSTER_LABEL && p->roster_people > 0)
        p->roster = MIN_ROSTER_NONE;
}

/* Return the value after a participant label ("Participants:", "Chairs
 * (core-chairs@ietf.org):", "Attendees"), "" when it is on the next lines,
 * or NULL when the line is no such label. */
static const char *roster_value(const char *content)
{
    static const char *const labels[] = {"participants", "attendees", "attendance", "present",
                                         "chairs",       "chair",     "blue sheets", "blue sheet",
                                         "bluesheets",   "bluesheet"};
    const char *s = content;
    while (*s == '*' || *s == '_')
        s++;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        size_t n = strlen(labels[i]);
        if (!starts_with_nocase(s, labels[i]) || ascii_alpha((unsigned char)s[n]))
            continue;
        const char *after = s + n;
        while (*after == ' ')
            after++;
        if (*after == '(' && strchr(after, ')'))
            after = strchr(after, ')') + 1;
        while (*after == ' ' || *after == '*' || *after == '_')
            after++;
        if (*after == ':')
            after++;
        else if (*after)
            return NULL;
        while (*after == ' ')
            after++;
        return after;
    }
    return NULL;
}

bool min_match_roster_label(min_parser *p, const min_line *line)
{
    return roster_value(line->content) != NULL;
}

void min_handle_roster_label(min_parser *p, const min_line *line)
{
    const char *value = roster_value(line->content);
    min_person person;
    min_append_body(p, line->content);
    p->roster = MIN_ROSTER_LABEL;
    p->roster_people = 0;
    if (*value && parse_person(value, &person))
        add_participant(p, person.name, person.company);
}

bool min_match_roster_entry(min_parser *p, const min_line *line)
{
    min_person person;
    if (p->roster == MIN_ROSTER_NONE)
        return false;
    if (parse_person(line->content, &person))
        return true;
    if (p->roster == MIN_ROSTER_LABEL)
        p->roster = MIN_ROSTER_NONE;
    return false;
}

void min_handle_roster_entry(min_parser *p, const min_line *line)
{
    min_person person;
    min_append_body(p, line->content);
    if (parse_person(line->content, &person))
        add_participant(p, person.name, person.company);
}

/* ---- Participant tables ---- */

static bool cell_names(const char *cell, const char *word)
{
    for (const char *s = cell; *s; s++) {
        if (starts_with_nocase(s, word))
            return true;
    }
    return false;
}

static void read_columns(min_columns *columns, const min_line *line)
{
    columns->given = columns->family = columns->name = columns->affiliation = columns->present = -1;
    columns->header_seen = true;
    for (size_t i = 0; i < line->cell_count; i++) {
        const char *cell = line->cells[i];
        int column = (int)i;
        if (cell_names(cell, "given") || cell_names(cell, "first name"))
            columns->given = column;
        else if (cell_names(cell, "family") || cell_names(cell, "last name") ||
                 cell_names(cell, "surname"))
            columns->family = column;
        else if (starts_with_nocase(cell, "name") || cell_names(cell, "full name") ||
                 cell_names(cell, "participant"))
            columns->name = column;
        else if (cell_names(cell, "affiliation") || cell_names(cell, "company") ||
                 cell_names(cell, "organi"))
            columns->affiliation = column;
        else if (cell_names(cell, "present") || cell_names(cell, "attend"))
            columns->present = column;
    }
}

static const char *cell_at(const min_line *line, int column)
{
    return column >= 0 && (size_t)column < line->cell_count ? line->cells[column] : "";
}

bool min_match_table_row(min_parser *p, const min_line *line)
{
    return line->kind == DOCKET_BLOCK_ROW && line->cell_count > 0;
}

void min_handle_table_row(min_parser *p, const min_line *line)
{
    min_append_body(p, line->content);
    if (!p->columns.header_seen) {
        read_columns(&p->columns, line);
        return;
    }
    const min_columns *c = &p->columns;
    if (c->given < 0 && c->name < 0)
        return;
    if (starts_with_nocase(cell_at(line, c->present), "no"))
        return;

    char name[NAME_BYTES];
    if (c->given >= 0)
        snprintf(name, sizeof name, "%s %s", cell_at(line, c->given), cell_at(line, c->family));
    else
        snprintf(name, sizeof name, "%s", cell_at(line, c->name));
    min_utf8_cut(name);
    trim_in_place(name);
    min_plain(name);

    char company[NAME_BYTES];
    snprintf(company, sizeof company, "%s", cell_at(line, c->affiliation));
    min_utf8_cut(company);
    trim_in_place(company);
    if (no_company(company))
        company[0] = '\0';
    if (name[0] && capital_at(name))
        add_participant(p, name, company);
}
