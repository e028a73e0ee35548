/* minutes_meeting.c: what a minutes document is about: whether it is the
 * minutes, agenda or blue sheet of a known group, which group, meeting id,
 * date and title. Only the text decides whether it is minutes; the file's
 * path is a fallback for the meeting id and date. */
#define _GNU_SOURCE /* strcasestr */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/normalise.h"
#include "minutes.h"
#include "normalise_private.h"

/* A score this high makes a document minutes (see score()). */
#define DETECT_SCORE 4

enum { GROUP_HTTP, GROUP_CORE, GROUP_CSAF };

static const min_group groups[] = {
    {"HTTP", "IETF", {"HTTP", "httpbis", "HTTPbis", NULL}, false},
    {"CoRE", "IETF", {"CoRE", "core", "Constrained RESTful Environments", NULL}, true},
    {"CSAF", "OASIS", {"CSAF", "CSAF TC", "Common Security Advisory Framework", NULL}, true},
};

/* A name that marks a document as one group's. */
typedef struct group_pattern {
    const char *text;
    bool exact_case;  /* "CoRE" and "CSAF" but not "core" */
    bool whole_word;
    size_t group;     /* index in groups[] */
} group_pattern;

static const group_pattern group_patterns[] = {
    {"httpbis", false, false, GROUP_HTTP},
    {"HTTP WG", false, true, GROUP_HTTP},
    {"HTTP Working Group", false, true, GROUP_HTTP},
    {"HTTP Interim", false, true, GROUP_HTTP},
    {"CoRE", true, true, GROUP_CORE},
    {"Core@IETF", false, false, GROUP_CORE},
    {"Constrained RESTful Environments", false, false, GROUP_CORE},
    {"core WG", false, true, GROUP_CORE},
    {"CSAF", true, true, GROUP_CSAF},
    {"Common Security Advisory Framework", false, false, GROUP_CSAF},
};

/* Return true when `word` occurs in `text`, ignoring case unless
 * `exact_case`, and at word boundaries when `whole_word`. */
static bool contains_word(const char *text, const char *word, bool exact_case, bool whole_word)
{
    size_t len = strlen(word);
    for (const char *s = text; (s = exact_case ? strstr(s, word) : strcasestr(s, word)) != NULL;
         s++) {
        if (!whole_word || ((s == text || !ascii_alnum((unsigned char)s[-1])) &&
                            !ascii_alnum((unsigned char)s[len])))
            return true;
    }
    return false;
}

/* Return true when `line` contains a datatracker session name of CoRE:
 * "interim-2021-core-10", "slides-118-core-chairs". */
static bool names_core_session(const char *line)
{
    for (const char *s = strstr(line, "-core"); s; s = strstr(s + 1, "-core")) {
        if (s > line && ascii_digit((unsigned char)s[-1]) && !ascii_alpha((unsigned char)s[5]))
            return true;
    }
    return false;
}

/* Return the group `line` names first in pattern order, or -1. */
static int group_named(const char *line)
{
    for (size_t i = 0; i < sizeof group_patterns / sizeof group_patterns[0]; i++) {
        const group_pattern *g = &group_patterns[i];
        if (contains_word(line, g->text, g->exact_case, g->whole_word))
            return (int)g->group;
    }
    return names_core_session(line) ? GROUP_CORE : -1;
}

static bool contains_any(const char *line, const char *const *words, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (contains_word(line, words[i], false, true))
            return true;
    }
    return false;
}

static bool names_document_kind(const char *line)
{
    static const char *const kinds[] = {"minutes",     "agenda",    "summary",   "summaries",
                                        "blue sheet",  "blue sheets", "bluesheet", "bluesheets"};
    return contains_any(line, kinds, sizeof kinds / sizeof kinds[0]);
}

static bool names_group_kind(const char *line)
{
    static const char *const kinds[] = {"WG", "Working Group", "TC", "Technical Committee"};
    return contains_any(line, kinds, sizeof kinds / sizeof kinds[0]);
}

static bool names_oasis_meeting(const char *line)
{
    static const char *const markers[] = {"Meeting Date", "Roll call", "called to order",
                                          "Quorum"};
    return contains_any(line, markers, sizeof markers / sizeof markers[0]);
}

static bool names_roster(const char *line)
{
    static const char *const rosters[] = {"blue sheet", "blue sheets", "bluesheet",
                                          "bluesheets", "participants", "attendees"};
    return contains_any(line, rosters, sizeof rosters / sizeof rosters[0]);
}

/* ---- The head: the first lines with content ---- */

/* What the first MIN_HEAD_BLOCKS lines with content show. */
typedef struct head_facts {
    int group_counts[sizeof groups / sizeof groups[0]];
    int title_group;         /* group named in the title, or -1 */
    char ietf_meeting[16];   /* the first "IETF 115" of the head */
    bool interim;            /* "interim" in the head */
    bool kind;               /* "minutes", "agenda", ... in the title */
    bool group_title;        /* the title names a group as a group: "HTTPbis WG" */
    bool oasis_meeting;      /* "Meeting Date", "Roll call", ... in the head */
    char date[11];           /* the meeting date the head gives */
    char month[8];           /* "YYYY-MM" of the title or the first date */
    size_t speakers;         /* speaker-tagged lines in the whole document */
    bool roster;             /* a participant list or motion anywhere */
} head_facts;

/* Read block `index` cleaned into `line`; false when it has no content. */
static bool content_at(const docket_text *text, size_t index, char *line, size_t size)
{
    min_clean(text->blocks[index].text, line, size);
    return line[0] && !min_is_decoration(line);
}

static void find_title(const docket_text *text, min_identity *id)
{
    char line[MIN_LINE_BYTES];
    for (size_t i = 0; i < text->count && i < MIN_SCAN_BLOCKS; i++) {
        bool underline;
        if (!content_at(text, i, line, sizeof line))
            continue;
        id->title_block = i;
        id->title_is_heading = min_heading_at(text, i, id->title, sizeof id->title, &underline) > 0;
        if (!id->title_is_heading) {
            min_plain(line);
            min_copy(id->title, sizeof id->title, line);
        }
        id->roster_document = names_roster(id->title);
        return;
    }
}

/* A line the meeting date may come from: the title, a "Date:" line, and
 * lines or headings that name a weekday. */
static bool may_give_date(const char *line, bool is_title)
{
    const char *s = min_skip_marker(line);
    return is_title || min_names_weekday(s) || starts_with_nocase(s, "date") ||
           starts_with_nocase(s, "meeting date");
}

/* The title, and the line after a title that names no group ("# Minutes"
 * then "HTTPbis Working Group - IETF 87, Berlin"), describe the document. */
static void read_title_line(const char *line, int group, head_facts *facts)
{
    if (facts->title_group < 0)
        facts->title_group = group;
    facts->kind |= names_document_kind(line);
    facts->group_title |= group >= 0 && names_group_kind(line);
    if (!facts->month[0])
        min_find_month(line, facts->month);
}

static void read_head_line(const char *line, bool is_title, head_facts *facts)
{
    int group = group_named(line);
    if (group >= 0)
        facts->group_counts[group]++;
    if (is_title)
        read_title_line(line, group, facts);
    if (!facts->ietf_meeting[0])
        docket_ietf_meeting_id(line, facts->ietf_meeting, sizeof facts->ietf_meeting);
    facts->interim |= contains_word(line, "interim", false, false);
    facts->oasis_meeting |= names_oasis_meeting(line);
    if (!facts->date[0] && may_give_date(line, is_title))
        min_find_date(line, facts->date);
}

/* A heading later in the document may still give the first session's date
 * ("## Monday, 7 November 2022"). */
static void read_heading_date(const docket_text *text, size_t index, head_facts *facts)
{
    char title[256];
    bool underline;
    if (facts->date[0] || min_heading_at(text, index, title, sizeof title, &underline) == 0)
        return;
    if (min_names_weekday(title) || ascii_digit((unsigned char)title[0]))
        min_find_date(title, facts->date);
}

static bool is_motion(const char *line)
{
    return contains_word(line, "motion", false, true) &&
           (contains_word(line, "second", false, false) || contains_word(line, "passed", false, true) ||
            contains_word(line, "approved", false, true));
}

static void read_body_line(const char *line, head_facts *facts)
{
    const char *s = min_skip_marker(line);
    if (min_is_speaker_line(s))
        facts->speakers++;
    if (is_motion(s) || starts_with_nocase(s, "participants") || starts_with_nocase(s, "attendees"))
        facts->roster = true;
}

static void read_document(const docket_text *text, const min_identity *id, head_facts *facts)
{
    char line[MIN_LINE_BYTES];
    size_t head = 0;
    memset(facts, 0, sizeof *facts);
    facts->title_group = -1;

    for (size_t i = 0; i < text->count && i < MIN_SCAN_BLOCKS; i++) {
        if (!content_at(text, i, line, sizeof line))
            continue;
        bool subtitle = head == 1 && facts->title_group < 0;
        if (head < MIN_HEAD_BLOCKS) {
            read_head_line(line, i == id->title_block || subtitle, facts);
            head++;
        }
        read_heading_date(text, i, facts);
        read_body_line(line, facts);
    }
}

/* ---- Evidence ---- */

static const min_group *choose_group(const head_facts *facts)
{
    if (facts->title_group >= 0)
        return &groups[facts->title_group];
    int best = -1;
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        if (facts->group_counts[i] > 0 && (best < 0 || facts->group_counts[i] > facts->group_counts[best]))
            best = (int)i;
    }
    return best >= 0 ? &groups[best] : NULL;
}

/* Count the evidence that the document is minutes. The group named in the
 * title gives 2 points (none when only later lines name it), and 1 more
 * when the title names it as a group ("HTTPbis WG"). A meeting marker in
 * the head gives 2: an IETF meeting number or "interim" for IETF groups,
 * "Meeting Date", "Roll call" or "Quorum" for OASIS. A document kind in
 * the title ("minutes", "agenda", "blue sheet"), a meeting date in the
 * head, three or more speaker-tagged lines, and a participant list or a
 * motion give 1 each. */
static int score(const min_identity *id, const head_facts *facts)
{
    bool ietf = strcmp(id->group->body, "IETF") == 0;
    int points = facts->title_group >= 0 ? 2 : 0;
    points += facts->group_title;
    if (ietf && (facts->ietf_meeting[0] || facts->interim))
        points += 2;
    if (!ietf && facts->oasis_meeting)
        points += 2;
    points += facts->kind;
    points += facts->date[0] != '\0';
    points += facts->speakers >= 3;
    points += facts->roster;
    return points;
}

/* ---- Meeting id and date ---- */

/* The last "YYYY-MM-DD" in `path`: the file's own name before its folders. */
static bool path_date(const char *path, char out[11])
{
    bool found = false;
    for (const char *s = path; *s; s++) {
        char date[11];
        if (ascii_digit((unsigned char)*s) && (s == path || !ascii_digit((unsigned char)s[-1])) &&
            min_find_date(s, date) && strncmp(s, date, 4) == 0 && s[4] == '-') {
            memcpy(out, date, 11);
            found = true;
        }
    }
    return found;
}

/* "interim-20-05" gives "2020-05". */
static bool path_interim_month(const char *path, char out[8])
{
    const char *s = strstr(path, "interim-");
    if (!s || !ascii_digit((unsigned char)s[8]) || !ascii_digit((unsigned char)s[9]) ||
        s[10] != '-' || !ascii_digit((unsigned char)s[11]) || !ascii_digit((unsigned char)s[12]))
        return false;
    snprintf(out, 8, "20%.2s-%.2s", s + 8, s + 11);
    return true;
}

/* A meeting number in a file name: "core-115-summary.md",
 * "minutes_core_118.md", "httpbis-minutes-74.txt". Only 50 to 199 count,
 * so that versions ("-00") and years are not taken for one.
 * NOTE: the range needs widening once IETF meeting numbers reach 200. */
static bool path_meeting_number(const char *path, char *out, size_t size)
{
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    for (const char *s = name; *s; s++) {
        if (!ascii_digit((unsigned char)*s) || (s > name && !strchr("-_", s[-1])))
            continue;
        size_t n = 0;
        while (ascii_digit((unsigned char)s[n]))
            n++;
        int number = atoi(s);
        if ((n == 2 || n == 3) && strchr("-_.", s[n]) && s[n] && number >= 50 && number < 200)
            return snprintf(out, size, "IETF%d", number) < (int)size;
        s += n - 1;
    }
    return false;
}

/* "CoRE interim 2020-05-06" or "HTTP interim 2020-05": the date or month
 * of the text, else of the path. A CoRE interim's date comes from the path
 * too. */
static void interim_id(min_identity *id, const head_facts *facts, bool use_path)
{
    char when[11] = "";
    if (id->group->interim_by_day) {
        memcpy(when, facts->date, sizeof facts->date);
        if (!when[0] && use_path && path_date(id->text_path, when))
            memcpy(id->date, when, sizeof when);
    } else if (facts->month[0]) {
        memcpy(when, facts->month, sizeof facts->month);
    } else if (facts->date[0]) {
        snprintf(when, 8, "%.7s", facts->date);
    } else if (use_path && !path_interim_month(id->text_path, when) &&
               path_date(id->text_path, when)) {
        when[7] = '\0';
    }
    if (when[0])
        snprintf(id->meeting, sizeof id->meeting, "%s interim %s", id->group->wg, when);
}

static bool title_names_interim(const min_identity *id)
{
    return contains_word(id->title, "interim", false, false);
}

static void ietf_meeting(min_identity *id, const head_facts *facts, bool use_path)
{
    char number[16];
    if (docket_ietf_meeting_id(id->title, id->meeting, sizeof id->meeting))
        return;
    if (title_names_interim(id)) {
        interim_id(id, facts, use_path);
        return;
    }
    if (facts->ietf_meeting[0]) {
        snprintf(id->meeting, sizeof id->meeting, "%s", facts->ietf_meeting);
        return;
    }
    if (facts->interim || (use_path && strstr(id->text_path, "interim"))) {
        interim_id(id, facts, use_path);
        return;
    }
    if (use_path && (docket_ietf_meeting_id(id->text_path, number, sizeof number) ||
                     path_meeting_number(id->text_path, number, sizeof number)))
        snprintf(id->meeting, sizeof id->meeting, "%s", number);
}

static void oasis_meeting(min_identity *id, bool use_path)
{
    if (!id->date[0] && use_path)
        path_date(id->text_path, id->date);
    if (id->date[0])
        snprintf(id->meeting, sizeof id->meeting, "%s %s", id->group->wg, id->date);
}

void min_identify(const docket_text *text, bool use_path, min_identity *out)
{
    head_facts facts;
    memset(out, 0, sizeof *out);
    out->title_block = MIN_NO_BLOCK;
    out->text_path = text->path ? text->path : "";

    find_title(text, out);
    read_document(text, out, &facts);
    out->group = choose_group(&facts);
    if (!out->group)
        return;
    out->title_names_group = facts.title_group >= 0;
    out->score = score(out, &facts);
    out->detected = out->score >= DETECT_SCORE;

    memcpy(out->date, facts.date, sizeof out->date);
    if (strcmp(out->group->body, "IETF") == 0)
        ietf_meeting(out, &facts, use_path);
    else
        oasis_meeting(out, use_path);
}

size_t min_group_names(const min_parser *p, const char **out, size_t max)
{
    const min_group *group = p->id.group;
    size_t count = docket_aliases_wg_names(p->aliases, group->body, group->wg, out, max);
    if (count > 0)
        return count < max ? count : max;
    for (count = 0; count < 4 && count < max && group->names[count]; count++)
        out[count] = group->names[count];
    return count;
}
