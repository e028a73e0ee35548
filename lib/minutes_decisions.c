/* minutes_decisions.c: the specs a section names, the motions made in it
 * and the decisions it records, with the draft each decision is on. */
#define _GNU_SOURCE /* strcasestr */
#include <stdio.h>
#include <string.h>

#include "docket/record.h"
#include "minutes.h"
#include "normalise_private.h"

/* ---- Specs ---- */

static void add_spec(min_parser *p, const char *spec)
{
    min_add(p, p->current, "specs", spec);
    if (p->current != p->meeting)
        min_add(p, p->meeting, "specs", spec);
}

static docket_status spec_found(const char *spec, void *data)
{
    add_spec(data, spec);
    return ((min_parser *)data)->status;
}

static bool listed(const json_t *array, const char *value)
{
    size_t index;
    json_t *item;
    json_array_foreach(array, index, item) {
        if (strcmp(json_string_value(item), value) == 0)
            return true;
    }
    return false;
}

/* Drafts of a heading name the section's subject; drafts of its text are
 * counted, because a section that names only one draft is about it. */
static void note_draft(min_parser *p, const char *draft, bool heading)
{
    if (heading && p->heading_drafts == 0) {
        snprintf(p->heading_draft, sizeof p->heading_draft, "%s", draft);
        p->heading_drafts = 1;
    } else if (heading && p->heading_drafts == 1 && strcmp(p->heading_draft, draft) != 0) {
        p->heading_draft[0] = '\0';
        p->heading_drafts = 2;
    } else if (!heading && p->status == DOCKET_OK && !listed(p->drafts, draft) &&
               json_array_append_new(p->drafts, json_string(draft)) != 0) {
        min_fail(p, DOCKET_ERR_NO_MEMORY);
    }
}

static void scan_drafts(min_parser *p, const char *text, bool heading)
{
    char draft[DOCKET_DRAFT_SIZE];
    size_t length;
    for (const char *at = text; (at = docket_draft_find(at, draft, &length)) != NULL; at += length) {
        add_spec(p, draft);
        note_draft(p, draft, heading);
    }
}

/* "rfc9110" as links write RFC numbers; docket_spec_find reads "RFC 9110". */
static void scan_lowercase_rfcs(min_parser *p, const char *text)
{
    for (const char *s = text; (s = strstr(s, "rfc")) != NULL; s += 3) {
        if (s > text && ascii_alnum((unsigned char)s[-1]))
            continue;
        size_t n = 0;
        while (ascii_digit((unsigned char)s[3 + n]))
            n++;
        if (n < 1 || n > 5 || ascii_alnum((unsigned char)s[3 + n]))
            continue;
        char spec[DOCKET_SPEC_SIZE];
        snprintf(spec, sizeof spec, "RFC%.*s", (int)n, s + 3);
        add_spec(p, spec);
    }
}

/* "CSAF 2.0", "CSAF v2.1", "CSAF-2.1" give "CSAF 2.1". */
static void scan_csaf_versions(min_parser *p, const char *text)
{
    for (const char *s = text; (s = strstr(s, "CSAF")) != NULL; s += 4) {
        const char *v = s + 4;
        if (*v == ' ' || *v == '-')
            v++;
        if (*v == 'v')
            v++;
        if (!ascii_digit((unsigned char)v[0]) || v[1] != '.' || !ascii_digit((unsigned char)v[2]) ||
            ascii_alnum((unsigned char)v[3]))
            continue;
        char spec[DOCKET_SPEC_SIZE];
        snprintf(spec, sizeof spec, "CSAF %.3s", v);
        add_spec(p, spec);
    }
}

void min_scan_specs(min_parser *p, const char *text, bool heading)
{
    if (p->status != DOCKET_OK || !p->current)
        return;
    min_fail(p, docket_specs_scan(p->aliases, text, spec_found, p));
    scan_drafts(p, text, heading);
    scan_lowercase_rfcs(p, text);
    if (strcmp(p->id.group->wg, "CSAF") == 0)
        scan_csaf_versions(p, text);
}

/* ---- Motions ---- */

/* Return where `word` starts in `text` as a whole word, ignoring case. */
static const char *find_word(const char *text, const char *word)
{
    size_t len = strlen(word);
    for (const char *s = text; (s = strcasestr(s, word)) != NULL; s++) {
        if ((s == text || !ascii_alnum((unsigned char)s[-1])) && !ascii_alnum((unsigned char)s[len]))
            return s;
    }
    return NULL;
}

/* The text of a motion: what follows "motion to" (or "motion was
 * presented by X to") up to the end of the sentence or "seconded". */
static bool motion_text(const char *line, char *out, size_t size)
{
    const char *motion = find_word(line, "motion");
    if (!motion)
        motion = find_word(line, "motions");
    const char *to = motion ? find_word(motion, "to") : NULL;
    if (!to || to - motion > 60)
        return false;
    const char *start = to + 3;
    size_t len = strcspn(start, ";");
    static const char *const ends[] = {". ", " and seconded", ", seconded", " seconded",
                                       " passed", " was approved", " was carried",
                                       " were carried"};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        const char *end = strstr(start, ends[i]);
        if (end && (size_t)(end - start) < len)
            len = (size_t)(end - start);
    }
    while (len && strchr(" .:,", start[len - 1]))
        len--;
    if (len >= size) {
        len = size - 1;
        while (len && start[len] != ' ')
            len--;
    }
    if (len == 0)
        return false;
    snprintf(out, size, "%.*s", (int)len, start);
    min_utf8_cut(out);
    min_plain(out);
    return true;
}

/* "Motion passed", "The motions ... were carried" give approved; "Motion
 * not approved", "motion failed" give rejected. */
static const char *motion_decision(const char *line)
{
    static const char *const rejected[] = {"not approved", "not passed", "failed", "rejected",
                                           "defeated", "did not pass"};
    static const char *const approved[] = {"passed", "approved", "carried", "adopted"};
    if (!find_word(line, "motion") && !find_word(line, "motions"))
        return NULL;
    if (find_word(line, "no motion"))
        return NULL;
    for (size_t i = 0; i < sizeof rejected / sizeof rejected[0]; i++) {
        if (find_word(line, rejected[i]))
            return "rejected";
    }
    for (size_t i = 0; i < sizeof approved / sizeof approved[0]; i++) {
        if (find_word(line, approved[i]))
            return "approved";
    }
    return NULL;
}

/* ---- Decisions in IETF minutes ---- */

typedef struct decision_phrase {
    const char *phrase;
    const char *decision;
    bool needs_narrator; /* a speaker saying it gives only an opinion */
} decision_phrase;

/* Tried in order; the first phrase found decides. */
static const decision_phrase phrases[] = {
    {"consensus to adopt", "adopted", false},
    {"consensus to be adopted", "adopted", false},
    {"adopted as a wg", "adopted", false},
    {"adopted as wg", "adopted", false},
    {"adopted as a working group", "adopted", false},
    {"adopted by the wg", "adopted", false},
    {"adopted by the working group", "adopted", false},
    {"adopted by the group", "adopted", false},
    {"hereby adopted", "adopted", false},
    {"was adopted", "adopted", false},
    {"were adopted", "adopted", false},
    {"been adopted", "adopted", false},
    {"is adopted", "adopted", false},
    {"approved for publication", "approved", false},
    {"was approved", "approved", false},
    {"were approved", "approved", false},
    {"been approved", "approved", false},
    {"is approved", "approved", false},
    {"no objection", "agreed", true},
    {"consensus is to", "agreed", true},
    {"consensus was to", "agreed", true},
    {"consensus in the room", "agreed", true},
    {"there is consensus", "agreed", true},
    {"there was consensus", "agreed", true},
    {"we have consensus", "agreed", true},
    {"rough consensus", "agreed", true},
    {"it was agreed", "agreed", true},
    {"was agreed", "agreed", true},
    {"we agreed", "agreed", true},
    {"agreed to", "agreed", true},
};

/* Return true when a word of the clause before `at` negates or hedges the
 * phrase ("no consensus to adopt", "even if the document is adopted"). */
static bool negated(const char *line, const char *at)
{
    static const char *const words[] = {"not ", "no ", "if ", "whether ", "once ", "until ",
                                        "before ", "might ", "could ", "would ", "should ",
                                        "potentially ", "never ", "when "};
    const char *from = at;
    while (from > line && at - from < 80 && !strchr(",;:.", from[-1]))
        from--;
    for (const char *s = from; s < at; s++) {
        if (s > line && ascii_alpha((unsigned char)s[-1]))
            continue;
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
            if (starts_with_nocase(s, words[i]))
                return true;
        }
    }
    return false;
}

static const char *find_nocase(const char *text, const char *phrase)
{
    for (const char *s = text; (s = strcasestr(s, phrase)) != NULL; s++) {
        if (s == text || !ascii_alnum((unsigned char)s[-1]))
            return s;
    }
    return NULL;
}

/* Return whether `line` contains one of the words that every decision
 * phrase contains. Most lines contain none, so they skip the phrases. */
static bool may_decide(const char *line)
{
    static const char *const words[] = {"adopt", "approv", "objection", "consensus", "agree"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strcasestr(line, words[i]))
            return true;
    }
    return false;
}

static const char *phrase_decision(const char *line, bool spoken)
{
    if (strchr(line, '?') || !may_decide(line))
        return NULL;
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
        const char *at = find_nocase(line, phrases[i].phrase);
        if (!at || negated(line, at) || (phrases[i].needs_narrator && spoken))
            continue;
        return phrases[i].decision;
    }
    return NULL;
}

/* ---- Recording decisions ---- */

static void add_pending(min_parser *p, const char *doc, const char *decision)
{
    json_t *entry = json_object();
    if (!entry || json_array_append_new(p->pending, entry) != 0) {
        min_fail(p, DOCKET_ERR_NO_MEMORY);
        return;
    }
    min_set(p, entry, "doc", doc);
    min_set(p, entry, "decision", decision);
}

/* Remember the motion a line makes. The line that seconds a motion
 * restates it and is skipped. A motion nested under a list item (a pull
 * request, an issue) is named with that item: "PR #345: not approve". */
static void note_motion(min_parser *p, const min_line *line, const char *text)
{
    const char *second = find_word(line->content, "second");
    if (!second)
        second = find_word(line->content, "seconded");
    const char *motion = find_word(line->content, "motion");
    if (second && motion && second < motion)
        return;
    p->motion[0] = '\0';
    if (line->level >= 2 && p->topic[0]) {
        min_copy(p->motion, sizeof p->motion - 2, p->topic);
        strcat(p->motion, ": ");
    }
    size_t used = strlen(p->motion);
    min_copy(p->motion + used, sizeof p->motion - used, text);
}

static void note_topic(min_parser *p, const min_line *line)
{
    if (line->level != 1)
        return;
    min_copy(p->topic, sizeof p->topic, line->content);
    min_plain(p->topic);
}

void min_scan_decision(min_parser *p, const min_line *line)
{
    char motion[MIN_MOTION_BYTES] = "", draft[DOCKET_DRAFT_SIZE] = "";
    const char *content = line->content;
    if (motion_text(content, motion, sizeof motion))
        note_motion(p, line, motion);

    /* A motion's subject is its text; a decision of the IETF phrases is on
     * the draft the line names, else on the section's. */
    const char *decision = motion_decision(content);
    const char *subject = p->motion;
    if (!decision) {
        decision = phrase_decision(content, min_is_spoken(content));
        subject = docket_draft_find(line->raw, draft, NULL) ? draft : p->heading_draft;
    }
    if (decision)
        add_pending(p, subject, decision);
    note_topic(p, line);
}

/* The draft a section is about: the one its heading names, else the only
 * one its text names. */
static const char *section_subject(const min_parser *p)
{
    if (p->heading_draft[0])
        return p->heading_draft;
    if (p->heading_drafts == 0 && json_array_size(p->drafts) == 1)
        return json_string_value(json_array_get(p->drafts, 0));
    return NULL;
}

void min_close_decisions(min_parser *p, json_t *record)
{
    const char *subject = section_subject(p);
    const char *title = docket_record_get(record, "title");
    const char *status = NULL;
    size_t index;
    json_t *entry;

    json_array_foreach(p->pending, index, entry) {
        const char *doc = docket_record_get(entry, "doc");
        const char *decision = docket_record_get(entry, "decision");
        if (!doc)
            doc = subject ? subject : (title ? title : p->id.title);
        if (p->status == DOCKET_OK && doc && *doc)
            min_fail(p, docket_record_add_decision(record, doc, decision, NULL));
        if (subject && doc && strcmp(doc, subject) == 0)
            status = decision;
    }
    if (status)
        min_set(p, record, "status", status);
}

void min_reset_section(min_parser *p)
{
    p->heading_draft[0] = '\0';
    p->heading_drafts = 0;
    p->motion[0] = '\0';
    p->topic[0] = '\0';
    json_array_clear(p->drafts);
    json_array_clear(p->pending);
}
