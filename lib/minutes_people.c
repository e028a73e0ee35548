/* minutes_people.c: participants of minutes (tables and lists), speakers
 * of "Name: ..." lines, and the short names people go by ("CB", "mnot"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/record.h"
#include "minutes.h"
#include "normalise_private.h"

#define MAX_NAME_WORDS 5

/* Words that make a "Word: ..." line a label, not a speaker. */
static const char *const stop_words[] = {
    "a", "absent", "abstract", "access", "action", "actions",
    "ad", "agenda", "agreed", "agreement", "all", "also",
    "another", "answer", "aob", "approved", "attendees", "audio",
    "author", "authors", "background", "bcp", "call", "caution",
    "chair", "chairs", "change", "changes", "charter", "chat",
    "closed", "code", "comment", "comments", "component", "components",
    "conclusion", "consensus", "context", "current", "date", "dates",
    "deadline", "decision", "decisions", "description", "dial", "discussion",
    "document", "documents", "done", "draft", "drafts", "edit",
    "editor", "editors", "email", "etherpad", "example", "feedback",
    "from", "fyi", "github", "goal", "goals", "hint",
    "http", "https", "hum", "hums", "iana", "idea",
    "ideas", "identifier", "iesg", "ietf", "implementation", "implementations",
    "important", "info", "issue", "issues", "item", "items",
    "jabber", "link", "links", "location", "mailto", "material",
    "materials", "meetecho", "meeting", "milestone", "milestones", "minute",
    "minutes", "monitor", "motion", "name", "nb", "new",
    "next", "no", "note", "notes", "notetaker", "notetakers",
    "notice", "number", "objective", "objectives", "observers", "ok",
    "old", "open", "option", "options", "outcome", "participants",
    "password", "pending", "phone", "plan", "point", "points",
    "pr", "present", "presentation", "presented", "presenter", "presenters",
    "previous", "problem", "proposal", "proposed", "ps", "published",
    "q", "question", "questions", "queue", "rationale", "re",
    "reason", "recap", "recording", "reference", "references", "remote",
    "reply", "requirement", "requirements", "resolution", "response", "result",
    "results", "rfc", "room", "schedule", "scope", "scribe",
    "scribes", "see", "session", "slides", "solution", "status",
    "stream", "summary", "takers", "tc", "team", "ticket",
    "tickets", "time", "timeline", "tip", "todo", "topic",
    "topics", "update", "updates", "url", "value", "values",
    "video", "volunteers", "warning", "webex", "well", "wg",
    "why", "yes", "zulip",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
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

/* A capital letter: ASCII, or Latin-1 in UTF-8 (C3 80..9E), or a letter
 * of the two-byte scripts from Latin Extended-A to Cyrillic (C4..D4),
 * whose case is not checked. Symbols and punctuation ("\u2192") are none. */
bool min_capital_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (ascii_upper(u[0]))
        return true;
    if (u[0] == 0xC3)
        return u[1] >= 0x80 && u[1] <= 0x9E && u[1] != 0x97;
    return u[0] >= 0xC4 && u[0] <= 0xD4;
}

static bool name_byte(unsigned char c)
{
    return ascii_alpha(c) || c >= 0x80 || c == '-' || c == '\'' || c == '.';
}

/* "Chrome's", "RFC-Editor\u2019s": a possessive is no part of a name. */
static bool is_possessive(const char *word, size_t len)
{
    return (len > 2 && word[len - 2] == '\'' && word[len - 1] == 's') ||
           (len > 4 && strncmp(word + len - 4, "\xe2\x80\x99s", 4) == 0);
}

static bool has_small_letter(const char *word, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (ascii_lower((unsigned char)word[i]))
            return true;
    }
    return false;
}

/* Return the number of words of `name` when it is a person's full name,
 * else 0. A full name has two to five words of letters. Each is
 * capitalised, except family-name particles, and none is a label word. */
size_t min_full_name_words(const char *name)
{
    size_t words = 0, len = strlen(name);
    bool small_letters = false;
    if (len == 0 || len >= MIN_NAME_BYTES)
        return 0;
    for (const char *s = name; *s;) {
        size_t n = 0;
        while (s[n] && s[n] != ' ') {
            if (!name_byte((unsigned char)s[n]))
                return 0;
            n++;
        }
        bool particle = words > 0 && is_particle(s, n);
        if (n == 0 || is_stop_word(s, n) || is_possessive(s, n) ||
            (!particle && !min_capital_at(s)))
            return 0;
        small_letters |= has_small_letter(s, n);
        words++;
        s += n;
        while (*s == ' ')
            s++;
    }
    /* Words all in capitals ("CB JS", "ANOTHER POINT") are no name. */
    return words >= 2 && words <= MAX_NAME_WORDS && small_letters ? words : 0;
}

void min_trim(char *s)
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
void min_person_name(const min_parser *p, const char *typed, char *out, size_t size)
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
    min_utf8_cut(out);
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

void min_add_name(min_parser *p, const char *name)
{
    if (p->status != DOCKET_OK || has_name(p, name))
        return;
    if (json_array_append_new(p->names, json_string(name)) != 0)
        min_fail(p, DOCKET_ERR_NO_MEMORY);
}

/* Return true when `abbreviation` can stand for `name`: capitals (with small
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
    char key[16], name[MIN_NAME_BYTES];
    if (len == 0 || len >= sizeof key || min_full_name_words(typed) == 0 ||
        !fits_name(abbreviation, len, typed))
        return;
    for (size_t i = 0; i < len; i++)
        key[i] = (char)ascii_tolower((unsigned char)abbreviation[i]);
    key[len] = '\0';

    min_person_name(p, typed, name, sizeof name);
    if (p->status == DOCKET_OK && !json_object_get(p->abbreviations, key) &&
        json_object_set_new(p->abbreviations, key, json_string(name)) != 0)
        min_fail(p, DOCKET_ERR_NO_MEMORY);
    min_add_name(p, name);
}

/* "<abbr title="Marco Tiloca">MT</abbr>" in minutes saved as HTML. */
static void learn_html_abbreviations(min_parser *p, const char *raw)
{
    for (const char *s = raw; (s = strstr(s, "<abbr title=\"")) != NULL;) {
        s += 13;
        const char *quote = strchr(s, '"');
        const char *close = quote ? strstr(quote, "</abbr>") : NULL;
        if (!close || quote[1] != '>' || quote - s >= MIN_NAME_BYTES)
            return;
        char name[MIN_NAME_BYTES];
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
    char name[MIN_NAME_BYTES];
    snprintf(name, sizeof name, "%s", close + 2);
    min_utf8_cut(name);
    min_trim(name);
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
        if (n == 0 || is_stop_word(w, n) || (!min_capital_at(w) && !is_particle(w, n)))
            break;
        start = w;
        words++;
    }
    if (words < 2 || (size_t)(end - start) >= size)
        return false;
    snprintf(name, size, "%.*s", (int)(end - start), start);
    min_trim(name);
    return min_full_name_words(name) > 0;
}

/* "Mark Nottingham (mnot)", "Mike Bishop (MB) presenting", "Klaus Hartke
 * [KH] presenting", "Mark Nottingham (mnot/MN)": a name followed by its
 * short names. */
static void learn_bracketed(min_parser *p, const char *line)
{
    for (const char *open = line; (open = strpbrk(open, "([")) != NULL; open++) {
        const char *close = strchr(open, *open == '(' ? ')' : ']');
        char name[MIN_NAME_BYTES];
        if (!close || close - open > 20 || !name_before(line, open, name, sizeof name))
            continue;
        for (const char *a = open + 1; a < close;) {
            size_t n = strcspn(a, "/)]");
            learn_abbreviation(p, a, n, name);
            /* Step over the separator too: a bracket of another kind
             * inside, as in "[)x]", would otherwise stop the walk. */
            a += n + 1;
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
    min_trim(name);
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
    char tag[MIN_NAME_BYTES], name[MIN_NAME_BYTES], note[MIN_NAME_BYTES];
    if (!min_speaker_tag(content, tag, sizeof tag))
        return false;
    split_tag(tag, name, sizeof name, note, sizeof note);
    size_t words = speaker_words(name);
    return words >= 1 && words <= 4 && min_capital_at(name);
}

bool min_is_spoken(const char *content)
{
    char tag[MIN_NAME_BYTES], name[MIN_NAME_BYTES], note[MIN_NAME_BYTES];
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
 * short name resolved through the names the document gives, or a
 * capitalised short name as written. Return false when it is no speaker. */
static bool resolve_speaker(const min_parser *p, const char *name, char *out, size_t size)
{
    size_t words = speaker_words(name);
    if (words >= 2)
        return min_full_name_words(name) > 0 && snprintf(out, size, "%s", name) < (int)size;
    if (words != 1)
        return false;

    char key[MIN_NAME_BYTES];
    size_t len = strlen(name);
    for (size_t i = 0; i <= len; i++)
        key[i] = (char)ascii_tolower((unsigned char)name[i]);
    const char *full = json_string_value(json_object_get(p->abbreviations, key));
    if (!full)
        full = unique_match(p, name);
    if (!full && !min_capital_at(name))
        return false;
    return snprintf(out, size, "%s", full ? full : name) < (int)size;
}

static void add_speaker(min_parser *p, const char *speaker)
{
    char name[MIN_NAME_BYTES];
    min_person_name(p, speaker, name, sizeof name);
    min_add(p, p->current, "speakers", name);
    if (strchr(name, ' '))
        min_add_name(p, name);
}

/* Return true for a line that explains a short name ("*[CB]: Carsten
 * Bormann"), which is no speaker's line. */
static bool is_legend(const char *content)
{
    const char *close = strchr(content, ']');
    return strncmp(content, "*[", 2) == 0 && close && close[1] == ':';
}

void min_scan_speaker(min_parser *p, const min_line *line)
{
    char tag[MIN_NAME_BYTES], name[MIN_NAME_BYTES], note[MIN_NAME_BYTES], speaker[MIN_NAME_BYTES];
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
    char tag[MIN_NAME_BYTES], name[MIN_NAME_BYTES], note[MIN_NAME_BYTES], normal[MIN_NAME_BYTES];
    if (!min_speaker_tag(line, tag, sizeof tag))
        return;
    split_tag(tag, name, sizeof name, note, sizeof note);
    if (min_full_name_words(name) == 0)
        return;
    min_person_name(p, name, normal, sizeof normal);
    min_add_name(p, normal);
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
